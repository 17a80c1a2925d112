/** Activation after a layer; the last layer is always followed by softmax. */
export type Activation = 'linear' | 'relu';

/** A fully connected layer: `activation(x · kernel + bias)`. */
export interface DenseLayerWeights {
  readonly inputSize: number;
  readonly outputSize: number;
  /** Row-major `[inputSize, outputSize]`. */
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
  readonly activation: Activation;
}

/**
 * The trained weights of a sparse-bag network, the one architecture behind every model of the
 * suite: `h0 = activation(Σ_j value_j · embedding[id_j] + embeddingBias)`, then the dense layers,
 * then softmax.
 * - fastText-style embedding bag: values are 1/n (the mean), no bias, linear, one dense layer.
 * - TF-IDF linear: values are TF-IDF weights, `embeddingSize` = classes, bias, no dense layer.
 * - TF-IDF MLP: TF-IDF values, `embeddingSize` = hidden units, bias, relu, one dense layer.
 */
export interface SparseBagWeights {
  readonly featureCount: number;
  readonly embeddingSize: number;
  /** Row-major `[featureCount, embeddingSize]`. */
  readonly embedding: Float32Array;
  readonly embeddingBias: Float32Array | null;
  readonly embeddingActivation: Activation;
  /** May be empty; the last layer (or the embedding when empty) has one output per class. */
  readonly layers: readonly DenseLayerWeights[];
}

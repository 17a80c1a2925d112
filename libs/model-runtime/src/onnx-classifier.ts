import { SPARSE_BAG_ONNX_SIGNATURE as IO, readOnnxMetadata, type OnnxModelMetadata, type PackedBatch } from '@mlops/ml';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { toSessionOptions, type OnnxClassifierOptions } from './session-options.js';

function checkSignature(session: InferenceSession, classes: number): void {
  const missing = [IO.ids, IO.values].filter((name) => !session.inputNames.includes(name));
  if (missing.length > 0 || !session.outputNames.includes(IO.probabilities)) {
    throw new Error(
      `the model's signature is (${session.inputNames.join(', ')}) -> (${session.outputNames.join(', ')}), ` +
        `expected (${IO.ids}, ${IO.values}) -> (${IO.probabilities})`,
    );
  }
  const output = session.outputMetadata.find((metadata) => metadata.name === IO.probabilities);
  const width = output?.isTensor ? output.shape.at(-1) : undefined;
  if (width !== classes) {
    throw new Error(`the model outputs ${String(width)} probabilities per row for ${classes} labels`);
  }
}

function checkBatch(batch: PackedBatch): void {
  const cells = batch.size * batch.width;
  if (batch.ids.length !== cells || batch.values.length !== cells) {
    throw new RangeError(`a batch of ${batch.size} × ${batch.width} needs ${cells} ids and values`);
  }
}

/**
 * An exported sparse-bag classifier in an ONNX Runtime session on the CPU. Runs block the event
 * loop for their duration (onnxruntime-node runs on the calling thread).
 */
export class OnnxClassifier {
  #session: InferenceSession | null;

  private constructor(
    session: InferenceSession,
    /** Name, version, labels and signature read from the model's bytes. */
    readonly metadata: OnnxModelMetadata,
  ) {
    this.#session = session;
  }

  /**
   * Opens a session on the bytes of a model written by `exportSparseBagToOnnx`. Rejects when the
   * bytes are not such a model, or its signature or class count is not the expected one.
   */
  static async load(bytes: Uint8Array, options: OnnxClassifierOptions = {}): Promise<OnnxClassifier> {
    const metadata = readOnnxMetadata(bytes);
    const session = await InferenceSession.create(bytes, toSessionOptions(options));
    try {
      checkSignature(session, metadata.labels.length);
    } catch (error) {
      await session.release();
      throw error;
    }
    return new OnnxClassifier(session, metadata);
  }

  /** Number of classes: the width of each probability row. */
  get classes(): number {
    return this.metadata.labels.length;
  }

  /** Class labels in the order of the probabilities. */
  get labels(): readonly string[] {
    return this.metadata.labels;
  }

  /** Class probabilities, row-major `[batch.size, classes]`. Rejects after `release()`. */
  async predict(batch: PackedBatch): Promise<Float32Array> {
    const session = this.#session;
    if (session === null) throw new Error(`the ${this.metadata.modelName} classifier has been released`);
    checkBatch(batch);
    if (batch.size === 0) return new Float32Array(0);
    const dims = [batch.size, batch.width];
    const results = await session.run({
      [IO.ids]: new Tensor('int32', batch.ids, dims),
      [IO.values]: new Tensor('float32', batch.values, dims),
    });
    const probabilities = results[IO.probabilities];
    if (probabilities?.type !== 'float32' || !(probabilities.data instanceof Float32Array)) {
      throw new Error(`the model returned no float32 ${IO.probabilities}`);
    }
    if (probabilities.data.length !== batch.size * this.classes) {
      throw new Error(
        `the model returned ${probabilities.dims.join(' × ')} ${IO.probabilities} for ${batch.size} rows`,
      );
    }
    return probabilities.data;
  }

  /** Frees the native session; later calls to `predict` reject. Calling it twice does nothing. */
  async release(): Promise<void> {
    const session = this.#session;
    this.#session = null;
    await session?.release();
  }
}

import { z } from 'zod';

/**
 * The model architecture, all three a sparse-bag network (see `SparseBagWeights`):
 * - `embedding_bag`: fastText-style mean of word and n-gram embeddings → softmax;
 * - `linear`: TF-IDF → softmax regression (multinomial logistic regression);
 * - `mlp`: TF-IDF → one hidden ReLU layer → softmax.
 */
export const modelSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('embedding_bag'),
    dimension: z.number().int().min(2).max(512).default(32).describe('embedding size'),
  }),
  z.strictObject({ kind: z.literal('linear') }),
  z.strictObject({
    kind: z.literal('mlp'),
    hidden: z.number().int().min(2).max(2048).default(64).describe('hidden ReLU units'),
  }),
]);
export type ModelSpec = z.output<typeof modelSpecSchema>;

/** How the weights are fitted. */
export const optimizationSpecSchema = z.strictObject({
  epochs: z.number().int().min(1).max(500).default(20).describe('upper bound; early stopping usually ends sooner'),
  batchSize: z.number().int().min(1).max(4096).default(32),
  optimizer: z
    .enum(['adam', 'sgd'])
    .default('adam')
    .describe('adam is lazy on the sparse embedding table: only the rows a batch touches are updated'),
  learningRate: z.number().positive().max(10).default(0.01),
  schedule: z
    .enum(['constant', 'linear_decay', 'cosine'])
    .default('linear_decay')
    .describe('learning rate over all planned steps; decays towards 0'),
  warmupSteps: z.number().int().min(0).max(100_000).default(0),
  l2: z.number().min(0).max(1).default(0).describe('L2 penalty on the dense layers and the touched embedding rows'),
  classWeights: z
    .enum(['none', 'balanced'])
    .default('balanced')
    .describe('balanced: n / (classes × count) per class, as scikit-learn'),
  earlyStopping: z
    .strictObject({
      patience: z.number().int().min(1).max(100).default(3).describe('epochs without a better validation macro-F1'),
      minDelta: z.number().min(0).max(1).default(0.0001),
    })
    .nullable()
    .default({ patience: 3, minDelta: 0.0001 })
    .describe('on validation macro-F1, restoring the best epoch; null trains every epoch'),
});
export type OptimizationSpec = z.output<typeof optimizationSpecSchema>;

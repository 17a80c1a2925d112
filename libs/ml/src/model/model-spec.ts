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

/** The `dual_cd` settings' defaults: LinearSVC's C, liblinear's own tolerance for its dual solvers. */
const DUAL_DEFAULTS = { C: 1, tolerance: 0.1 } as const;

/**
 * How the weights are fitted. The defaults are the linear model's recipe (squared hinge, plain SGD
 * at 0.5 decaying linearly over 20 epochs, batches of 16, no early stopping: LinearSVC's loss,
 * trained to the end of its schedule); `trainingOptionsSchema` gives `embedding_bag` and `mlp` models the softmax/Adam
 * recipe of `NETWORK_OPTIMIZATION_DEFAULTS` instead, for the fields a config leaves out.
 */
export const optimizationSpecSchema = z.strictObject({
  epochs: z
    .number()
    .int()
    .min(1)
    .max(500)
    .default(20)
    .describe('epochs to train; early stopping, when on, may end sooner'),
  batchSize: z.number().int().min(1).max(4096).default(16),
  optimizer: z
    .enum(['adam', 'sgd', 'dual_cd'])
    .default('sgd')
    .describe(
      'adam is lazy on the sparse embedding table: only the rows a batch touches are updated; dual_cd (linear model, squared hinge only) solves the problem exactly as liblinear/LinearSVC, one epoch being one pass over every class, stopping at `tolerance`',
    ),
  learningRate: z.number().positive().max(100).default(0.5),
  schedule: z
    .enum(['constant', 'linear_decay', 'cosine'])
    .default('linear_decay')
    .describe('learning rate over all planned steps; decays towards 0'),
  warmupSteps: z.number().int().min(0).max(100_000).default(0),
  l2: z.number().min(0).max(1).default(0).describe('L2 penalty on the dense layers and the touched embedding rows'),
  loss: z
    .enum(['softmax', 'squared_hinge'])
    .default('squared_hinge')
    .describe(
      'training loss: one-vs-rest squared hinge (LinearSVC) or softmax cross-entropy; predictions are softmax either way (after temperature calibration for the hinge)',
    ),
  C: z
    .number()
    .positive()
    .max(10_000)
    .default(DUAL_DEFAULTS.C)
    .describe('dual_cd only: inverse regularisation strength, as LinearSVC (scaled per example by its class weight)'),
  tolerance: z
    .number()
    .positive()
    .max(10)
    .default(DUAL_DEFAULTS.tolerance)
    .describe('dual_cd only: a class converges when its projected-gradient gap falls to this'),
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
    .default(null)
    .describe('on validation macro-F1, restoring the best epoch; null (default) trains every epoch and keeps the last'),
});
export type OptimizationSpec = z.output<typeof optimizationSpecSchema>;

/**
 * The defaults of `embedding_bag` and `mlp` models, whose loss is not convex and whose tables are
 * dense: softmax cross-entropy, Adam at 0.01, batches of 32, early stopping on validation macro-F1 (patience 3).
 */
export const NETWORK_OPTIMIZATION_DEFAULTS = {
  batchSize: 32,
  optimizer: 'adam',
  learningRate: 0.01,
  loss: 'softmax',
  earlyStopping: { patience: 3, minDelta: 0.0001 },
} as const;

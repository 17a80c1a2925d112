import { adapterSchema, filtererSchema } from '@mlops/contracts';
import { z } from 'zod';
import { featurizerSpecSchema } from '../featurizers/featurizer-spec.js';
import { modelSpecSchema, NETWORK_OPTIMIZATION_DEFAULTS, optimizationSpecSchema } from '../model/model-spec.js';
import { decisionRulesSchema } from '../rules/decision-rules.schema.js';
import { checkOptimizerFields } from './optimizer-fields.js';

/** Held-out shares of every label (stratified, seeded by the config's seed). */
export const splitSpecSchema = z
  .strictObject({
    test: z.number().min(0.05).max(0.5).default(0.2),
    validation: z
      .number()
      .min(0)
      .max(0.5)
      .default(0.1)
      .describe('learning curve, early stopping and temperature calibration; 0 disables early stopping'),
    refit: z
      .boolean()
      .default(true)
      .describe(
        'after evaluating on test, fit the served model again on every labelled row with the same recipe (epochs as trained); the metrics stay those of the held-out run',
      ),
  })
  .refine((split) => split.test + split.validation < 0.9, 'test + validation must leave at least 10% for training');

/** What the evaluation reports besides the standard metrics. */
export const evaluationSpecSchema = z.strictObject({
  calibrationBins: z.number().int().min(2).max(100).default(10),
  worstConfusions: z.number().int().min(0).max(100).default(10),
  examplesPerConfusion: z.number().int().min(0).max(50).default(5),
  parityTolerance: z
    .number()
    .positive()
    .max(1e-2)
    .default(1e-5)
    .describe('max absolute probability difference allowed between ONNX Runtime and TensorFlow.js on the test set'),
});

/** Least data a run accepts after adapters and filterers. */
export const dataRequirementsSchema = z.strictObject({
  minRows: z.number().int().min(4).default(20),
  minExamplesPerLabel: z.number().int().min(2).default(3).describe('so every label reaches train, validation and test'),
});

/**
 * The ML part of a training config (`config` in a training request): every section optional,
 * defaults documented per field, unknown keys rejected. With `model.kind = embedding_bag` and no
 * `featurizer.weighting`, the weighting is the mean (fastText); otherwise TF-IDF. `embedding_bag`
 * and `mlp` models take `NETWORK_OPTIMIZATION_DEFAULTS` (softmax, Adam, early stopping) for the
 * optimization fields left out; `linear` takes the schema's (squared hinge, SGD, every epoch).
 * Settings that contradict the optimizer are rejected by field (`checkOptimizerFields`).
 */
export const trainingOptionsSchema = z.preprocess(
  (input, ctx) => {
    checkOptimizerFields(input, ctx, optimizationSpecSchema.shape.optimizer.def.defaultValue);
    return networkOptimizationDefaults(meanWeightingForEmbeddingBag(input));
  },
  z.strictObject({
    adapters: z.array(adapterSchema).max(20).default([]),
    filterers: z.array(filtererSchema).max(20).default([]),
    data: dataRequirementsSchema.prefault({}),
    split: splitSpecSchema.prefault({}),
    featurizer: featurizerSpecSchema.prefault({}),
    model: modelSpecSchema.prefault({ kind: 'linear' }),
    optimization: optimizationSpecSchema.prefault({}),
    rules: decisionRulesSchema.default([]),
    evaluation: evaluationSpecSchema.prefault({}),
  }),
);
/** The ML part of a training config, defaults applied. */
export type TrainingOptions = z.output<typeof trainingOptionsSchema>;

function meanWeightingForEmbeddingBag(input: unknown): unknown {
  if (!isRecord(input) || !isRecord(input.model) || input.model.kind !== 'embedding_bag') return input;
  const featurizer = isRecord(input.featurizer) ? input.featurizer : {};
  if (featurizer.weighting !== undefined) return input;
  return { ...input, featurizer: { ...featurizer, weighting: { kind: 'mean' } } };
}

function networkOptimizationDefaults(input: unknown): unknown {
  if (
    !isRecord(input) ||
    !isRecord(input.model) ||
    (input.model.kind !== 'embedding_bag' && input.model.kind !== 'mlp')
  )
    return input;
  const optimization = isRecord(input.optimization) ? input.optimization : {};
  return { ...input, optimization: { ...NETWORK_OPTIMIZATION_DEFAULTS, ...optimization } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { z } from 'zod';
import { modelNameSchema } from './registry.js';

const share = z.number().min(0).max(1);
const version = z.number().int().min(1);

/** Which traffic a figure comes from: answered on a route (production, canary, by number) or scored as a shadow copy. */
export const predictionRoleSchema = z.enum(['production', 'canary', 'version', 'shadow']);

/** Params of `POST /v1/predictions/{id}/feedback`: the id the predict answer gave the prediction. */
export const predictionParamsSchema = z.object({ id: z.string().min(1).max(128) });

/** Body of `POST /v1/predictions/{id}/feedback`: the true label, and who says so. */
export const feedbackBodySchema = z.strictObject({
  label: z.string().min(1).max(256),
  /** Who gave the label (`annotator`, `user`, an application name); free text. */
  source: z.string().min(1).max(64).optional(),
});

/** What a feedback did: first label, the same label again, or a different label replacing the previous one. */
const feedbackOutcomeSchema = z.enum(['recorded', 'unchanged', 'replaced']);

/** Answer of `POST /v1/predictions/{id}/feedback`. */
export const feedbackResponseSchema = z.object({
  id: z.string(),
  model: modelNameSchema,
  version,
  /** The label the model decided for this prediction. */
  predicted: z.string(),
  label: z.string(),
  correct: z.boolean(),
  outcome: feedbackOutcomeSchema,
  /** The label this feedback replaced; null unless `outcome` is `replaced`. */
  previousLabel: z.string().nullable(),
  /** Logged documents marked: the answered prediction and its shadow copies. */
  marked: z.number().int().min(0),
});

/** Query of `GET /v1/models/{name}/accuracy`: only predictions made at or after `since`. */
export const accuracyQuerySchema = z.strictObject({ since: z.iso.datetime({ offset: true }).optional() });

/** Recall and precision of one label, over the predictions with feedback. */
const labelAccuracySchema = z.object({
  label: z.string(),
  /** Predictions whose true label is this one. */
  support: z.number().int().min(0),
  /** Predictions that decided this label. */
  predicted: z.number().int().min(0),
  correct: z.number().int().min(0),
  /** correct / support; null when support is 0. */
  recall: share.nullable(),
  /** correct / predicted; null when predicted is 0. */
  precision: share.nullable(),
});

/** Live accuracy of one version on one kind of traffic. */
const versionAccuracySchema = z.object({
  version,
  role: predictionRoleSchema,
  /** Predictions in the log (sampled) for this version and role. */
  logged: z.number().int().min(0),
  withFeedback: z.number().int().min(0),
  correct: z.number().int().min(0),
  /** correct / withFeedback; null without feedback. */
  accuracy: share.nullable(),
  /** Labels seen as predicted or true, alphabetically. */
  labels: z.array(labelAccuracySchema),
});

/** Answer of `GET /v1/models/{name}/accuracy`, computed from the prediction log. */
export const accuracyResponseSchema = z.object({
  model: modelNameSchema,
  since: z.iso.datetime().nullable(),
  versions: z.array(versionAccuracySchema),
  computedAt: z.iso.datetime(),
});

/** The statistics drift is measured on. */
export const driftStatisticSchema = z.enum(['predictedLabel', 'textLength', 'outOfVocabularyRate']);

/** Which stream a drift window watches: the answered traffic of a version, or its shadow copies. */
export const driftTrafficSchema = z.enum(['served', 'shadow']);

const driftStatusSchema = z.enum(['insufficient-data', 'ok', 'warning', 'drift']);

/** One bin of a PSI: the training share against the live share, for a label or a range `[from, to)` (null: open). */
const driftBinSchema = z.union([
  z.object({ label: z.string(), expected: share, observed: share }),
  z.object({ from: z.number().nullable(), to: z.number().nullable(), expected: share, observed: share }),
]);

const statisticDriftSchema = z.object({
  statistic: driftStatisticSchema,
  psi: z.number().min(0),
  status: driftStatusSchema,
  bins: z.array(driftBinSchema),
});

/** Drift of one version's window. */
const versionDriftSchema = z.object({
  version,
  traffic: driftTrafficSchema,
  /** Texts in the window now, and its capacity (the most recent ones are kept). */
  window: z.object({ size: z.number().int().min(0), capacity: z.number().int().min(1) }),
  minSamples: z.number().int().min(1),
  /** The worst status of the statistics; `insufficient-data` below `minSamples`. */
  status: driftStatusSchema,
  statistics: z.array(statisticDriftSchema),
});

/** Answer of `GET /v1/models/{name}/drift`. */
export const driftResponseSchema = z.object({
  model: modelNameSchema,
  thresholds: z.object({ warning: z.number().min(0), drift: z.number().min(0) }),
  versions: z.array(versionDriftSchema),
  checkedAt: z.iso.datetime(),
});
export type DriftResponse = z.infer<typeof driftResponseSchema>;

/**
 * Fact published when a statistic of a version's live traffic crosses the drift threshold
 * (`model.drift-detected`); message id `model.drift-detected:<model>:<version>:<traffic>:<statistic>:<ms>`.
 */
export const modelDriftDetectedEventSchema = z.object({
  model: modelNameSchema,
  version,
  traffic: driftTrafficSchema,
  statistic: driftStatisticSchema,
  psi: z.number().min(0),
  threshold: z.number().min(0),
  /** Texts in the window the PSI was computed on. */
  window: z.number().int().min(1),
  detectedAt: z.iso.datetime(),
});

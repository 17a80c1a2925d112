import { z } from 'zod';

/** Fact published when a training job ends, successfully or not (`training.completed` / `training.failed`). */
export const trainingFinishedEventSchema = z.object({
  jobId: z.uuid(),
  modelName: z.string(),
  /** `cancelled` is published on `training.failed`. */
  status: z.enum(['succeeded', 'failed', 'cancelled']),
  attempts: z.number().int().min(1),
  finishedAt: z.iso.datetime(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** Present on a study's trial jobs. */
  studyId: z.uuid().optional(),
  trialNumber: z.number().int().min(0).optional(),
});

/** Fact published after each training epoch (`training.progress`); message id `<jobId>:progress:<epoch>`. */
export const trainingProgressEventSchema = z.object({
  jobId: z.uuid(),
  modelName: z.string(),
  epoch: z.number().int().min(1),
  epochs: z.number().int().min(1),
  trainLoss: z.number(),
  validationLoss: z.number(),
  validationMacroF1: z.number(),
  validationAccuracy: z.number(),
  learningRate: z.number(),
  epochSeconds: z.number().min(0),
  /** Seconds until `epochs` at the mean epoch time so far; early stopping may end sooner. */
  etaSeconds: z.number().min(0),
  /** Present on a study's trial jobs. */
  studyId: z.uuid().optional(),
  trialNumber: z.number().int().min(0).optional(),
});

/** Fact published when a model version is registered (`model.registered`); message id `model.registered:<name>:<version>`. */
export const modelRegisteredEventSchema = z.object({
  name: z.string(),
  version: z.number().int().min(1),
  source: z.enum(['training', 'import']),
  folderChecksum: z.string().length(64),
  runId: z.string().optional(),
  createdBy: z.string(),
  registeredAt: z.iso.datetime(),
});

/**
 * Fact published on every move of a model alias (`model.promoted`), including rollbacks,
 * moves to `archived` and removals (`version: null`); message id `model.promoted:<name>:<alias>:<sequence>`.
 */
export const modelPromotedEventSchema = z.object({
  name: z.string(),
  alias: z.string(),
  /** The version the alias points at now; null when the move removed the alias (`DELETE .../aliases/{alias}`). */
  version: z.number().int().min(1).nullable(),
  previousVersion: z.number().int().min(1).nullable(),
  sequence: z.number().int().min(1),
  movedBy: z.string(),
  reason: z.string(),
  movedAt: z.iso.datetime(),
});

import { z } from 'zod';

const slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, ".", "_" and "-", starting with a letter or digit');

/** A frozen dataset version a training run reads. */
export const datasetRefSchema = z.strictObject({
  name: slug,
  version: z.number().int().min(1),
});

/** Body of `POST /v1/training-jobs` and payload of `training.requested`. */
export const trainingJobRequestSchema = z.strictObject({
  modelName: slug,
  task: slug,
  dataset: datasetRefSchema,
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(42),
  /**
   * The ML part of the training config (adapters, filterers, split, featurizer, model,
   * optimization, rules, evaluation). Parsed by the trainer's schema (libs/ml
   * `trainingOptionsSchema`; the dl-trainer route documents and validates it in full), so this
   * envelope only requires an object.
   */
  config: z.record(z.string(), z.unknown()).default({}),
  /** Set by dl-trainer to the owner of the submitting key; a value sent in the body is replaced. */
  requestedBy: z.string().min(1).max(128).optional(),
  /** Set by dl-trainer's study driver on a study's trial jobs: `training.*` events carry it. */
  study: z.strictObject({ id: z.uuid(), trialNumber: z.number().int().min(0) }).optional(),
});
export type TrainingJobRequest = z.infer<typeof trainingJobRequestSchema>;

/** Body of `POST /v1/training-jobs::validate`: the config a job would be submitted with. */
export const trainingConfigCheckRequestSchema = trainingJobRequestSchema.pick({ config: true });

/** Answer of `POST /v1/training-jobs::validate`: the config resolved as a job would store it (defaults applied). */
export const trainingConfigCheckSchema = z.object({ config: z.record(z.string(), z.unknown()) });

export const trainingJobStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type TrainingJobStatus = z.infer<typeof trainingJobStatusSchema>;

/** A training job as the API shows it. */
export const trainingJobSchema = z.object({
  id: z.uuid(),
  status: trainingJobStatusSchema,
  request: trainingJobRequestSchema,
  attempts: z.number().int().min(0),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  startedAt: z.iso.datetime().optional(),
  finishedAt: z.iso.datetime().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type TrainingJob = z.infer<typeof trainingJobSchema>;

export const trainingJobParamsSchema = z.object({ id: z.uuid() });

/** Query of `GET /v1/training-jobs`. */
export const trainingJobListQuerySchema = z.object({
  status: trainingJobStatusSchema.optional(),
  modelName: slug.optional(),
});

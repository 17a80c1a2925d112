import { z } from 'zod';
import { trainingJobSchema } from './training-job.js';

/** Path params of `GET /v1/events/training-jobs/{id}`. */
export const trainingLiveParamsSchema = z.object({ id: z.uuid() });

/**
 * Headers of `GET /v1/events/training-jobs/{id}`: a browser's `EventSource` sends the id of the
 * last event it received when it reconnects, and the stream resumes after that epoch.
 */
export const trainingLiveHeadersSchema = z.object({
  'last-event-id': z.coerce.number().int().min(0).optional(),
});

/** One epoch of a job's learning curve: from the run's record, then from `training.progress`. */
export const liveEpochSchema = z.object({
  epoch: z.number().int().min(1),
  trainLoss: z.number(),
  validationLoss: z.number().nullable(),
  validationMacroF1: z.number().nullable(),
  validationAccuracy: z.number().nullable(),
  learningRate: z.number().nullable(),
  epochSeconds: z.number().min(0).nullable(),
  /** Epochs the job's config plans (early stopping may end sooner); null when not known. */
  plannedEpochs: z.number().int().min(1).nullable(),
  /** Seconds left at the mean epoch time so far; null for epochs read back from the run record. */
  etaSeconds: z.number().min(0).nullable(),
});
export type LiveEpoch = z.infer<typeof liveEpochSchema>;

/** The first event: the job as it is when the stream opens, and how many epochs its config plans. */
export const liveJobEventSchema = z.object({
  job: trainingJobSchema,
  plannedEpochs: z.number().int().min(1).nullable(),
});

/** The last event: how the job ended. The stream closes after it. */
export const liveEndEventSchema = z.object({
  status: z.enum(['succeeded', 'failed', 'cancelled']),
  finishedAt: z.iso.datetime().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type LiveEndEvent = z.infer<typeof liveEndEventSchema>;

/**
 * The events of a job's live stream (text/event-stream), by SSE event name; each `data:` line
 * is one JSON document of the schema. `job` comes first; then one `epoch` per epoch in order
 * (the SSE `id` is the epoch number: a reconnecting client sends it back as `Last-Event-ID`);
 * `end` comes last, and the server closes the stream. Comment lines (`: heartbeat`) keep the
 * connection open while an epoch runs.
 */
export const TRAINING_LIVE_EVENTS = {
  job: liveJobEventSchema,
  epoch: liveEpochSchema,
  end: liveEndEventSchema,
} as const;
export type TrainingLiveEventName = keyof typeof TRAINING_LIVE_EVENTS;

import { z } from 'zod';
import { WORK_QUEUES } from './names.js';
import { trainingJobRequestSchema } from './training-job.js';

/** Work message asking dl-trainer to run a training job; idempotent by `jobId`. */
export const trainingRequestedMessageSchema = z.strictObject({
  jobId: z.uuid(),
  requestedAt: z.iso.datetime(),
  request: trainingJobRequestSchema,
});
export type TrainingRequestedMessage = z.infer<typeof trainingRequestedMessageSchema>;

/** The contract of every work queue's message body, by queue name. */
export const workMessageSchemas = {
  [WORK_QUEUES.trainingRequested]: trainingRequestedMessageSchema,
} as const;

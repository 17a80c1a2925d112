import { z } from 'zod';
import { trainingJobRequestSchema } from './training-job.js';

/** Work message asking dl-trainer to run a training job; idempotent by `jobId`. */
export const trainingRequestedMessageSchema = z.strictObject({
  jobId: z.uuid(),
  requestedAt: z.iso.datetime(),
  request: trainingJobRequestSchema,
});
export type TrainingRequestedMessage = z.infer<typeof trainingRequestedMessageSchema>;

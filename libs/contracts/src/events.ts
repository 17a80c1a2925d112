import { z } from 'zod';

/** Fact published when a training job ends, successfully or not (`training.completed` / `training.failed`). */
export const trainingFinishedEventSchema = z.object({
  jobId: z.uuid(),
  modelName: z.string(),
  status: z.enum(['succeeded', 'failed']),
  attempts: z.number().int().min(1),
  finishedAt: z.iso.datetime(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

import { z } from 'zod';

/** Body of `/healthz`: the process is alive. */
export const livenessSchema = z.object({
  status: z.literal('ok'),
  service: z.string(),
  version: z.string(),
  uptimeSeconds: z.number(),
});

/** Body of `/readyz`: each dependency's state; HTTP 503 when any is down. */
export const readinessSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.record(z.string(), z.object({ status: z.enum(['up', 'down']), detail: z.string().optional() })),
});
export type Readiness = z.infer<typeof readinessSchema>;

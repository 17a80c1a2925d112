import { z } from 'zod';
import { modelNameSchema } from './registry.js';

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex sha256');

/** Where a run report stands: queued or rendering, ready to download, or failed (retried, then given up). */
export const reportStatusSchema = z.enum(['pending', 'rendering', 'ready', 'failed']);
export type ReportStatus = z.infer<typeof reportStatusSchema>;

/** `GET /v1/reports/{model}/{version}`: the run report of a model version. */
export const reportSchema = z.object({
  model: modelNameSchema,
  version: z.number().int().min(1),
  status: reportStatusSchema,
  /** The training job (and run) the version came from; absent for imported versions. */
  jobId: z.string().optional(),
  /** Present once ready. */
  sha256: sha256Schema.optional(),
  size: z.number().int().min(1).optional(),
  pages: z.number().int().min(1).optional(),
  createdAt: z.iso.datetime(),
  renderedAt: z.iso.datetime().optional(),
  renderMs: z.number().min(0).optional(),
  attempts: z.number().int().min(0),
  /** Why the last attempt failed. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** What the report could not show (older manifests, a dataset no longer available ...). */
  missing: z.array(z.string()),
});
export type Report = z.infer<typeof reportSchema>;

/** Params of the report routes: `{model}/{version}`. */
export const reportParamsSchema = z.object({
  model: modelNameSchema,
  version: z.coerce.number().int().min(1),
});

/** Query of `GET /v1/reports/compare.pdf`: a model and two of its versions. */
export const compareReportQuerySchema = z.strictObject({
  model: modelNameSchema,
  a: z.coerce.number().int().min(1),
  b: z.coerce.number().int().min(1),
});

/** Fact published when a run report is stored (`report.ready`); message id `report.ready:<model>:<version>:<sha256>`. */
export const reportReadyEventSchema = z.object({
  model: z.string(),
  version: z.number().int().min(1),
  sha256: sha256Schema,
  size: z.number().int().min(1),
  url: z.string(),
  renderedAt: z.iso.datetime(),
});

/** Fact published when rendering a run report gave up (`report.failed`). */
export const reportFailedEventSchema = z.object({
  model: z.string(),
  version: z.number().int().min(1),
  attempts: z.number().int().min(1),
  error: z.object({ code: z.string(), message: z.string() }),
  failedAt: z.iso.datetime(),
});

/**
 * Work message asking the reporter to render the run report of a version (`reports.render`).
 * `generation` counts the renders asked for the version (1 after training, +1 per regenerate):
 * a message older than the version's report record, or one already rendered, is skipped.
 */
export const reportRenderMessageSchema = z.strictObject({
  model: modelNameSchema,
  version: z.number().int().min(1),
  generation: z.number().int().min(1),
  requestedAt: z.iso.datetime(),
});
export type ReportRenderMessage = z.infer<typeof reportRenderMessageSchema>;

import { z } from 'zod';
import { modelNameSchema } from './registry.js';

/** Which traffic a version's figures come from. */
const comparedRoleSchema = z.enum(['production', 'canary', 'shadow', 'version']);

/** How often a version decided the same label as the production version on the same texts. */
const agreementSchema = z.object({
  /** The production version it was compared with (the last one, when production changed meanwhile). */
  referenceVersion: z.number().int().min(1),
  compared: z.number().int().min(0),
  agreed: z.number().int().min(0),
  /** agreed / compared; null before the first comparison. */
  rate: z.number().min(0).max(1).nullable(),
});

/** One version's figures on one kind of traffic, since this process first served it so. */
const versionFiguresSchema = z.object({
  version: z.number().int().min(1),
  role: comparedRoleSchema,
  requests: z.number().int().min(0),
  texts: z.number().int().min(0),
  firstSeenAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  /** Time in the model (batch wait + run) per request, over the last requests (`samples`). */
  latencyMs: z.object({
    samples: z.number().int().min(0),
    mean: z.number().min(0),
    p50: z.number().min(0),
    p95: z.number().min(0),
    p99: z.number().min(0),
  }),
  /** Mean probability of the most probable label. */
  meanConfidence: z.number().min(0).max(1),
  /** Share of texts whose label a decision rule chose. */
  ruleShare: z.number().min(0).max(1),
  /** Share of each decided label, most frequent first. */
  labelShares: z.array(z.object({ label: z.string(), share: z.number().min(0).max(1) })),
  /**
   * For a shadow: agreement with the production version on the copied texts. For a canary:
   * agreement with the production version, which scores a copy of the canary's texts off the
   * request path. Null for production and versions asked for by number.
   */
  agreement: agreementSchema.nullable(),
});

/** Off-path scoring of this process for the model: copies scored, and skipped because the bound was reached. */
const offPathSchema = z.object({
  scored: z.number().int().min(0),
  skipped: z.number().int().min(0),
  failed: z.number().int().min(0),
});

/** `GET /v1/models/{name}/comparison`: the versions of a served model side by side. */
export const versionComparisonSchema = z.object({
  model: modelNameSchema,
  /** Share of keyed requests routed to the canary when one is loaded. */
  canaryShare: z.number().min(0).max(1),
  versions: z.array(versionFiguresSchema),
  offPath: offPathSchema,
});
export type VersionComparison = z.infer<typeof versionComparisonSchema>;

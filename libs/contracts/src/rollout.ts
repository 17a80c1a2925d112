import { z } from 'zod';
import { modelNameSchema } from './registry.js';

const share = z.number().min(0).max(1);
const version = z.number().int().min(1);
const minRequests = z.number().int().min(1).max(10_000_000);

/** The stages a candidate goes through before production; production is where a rollout ends. */
export const ROLLOUT_STAGES = ['shadow', 'canary'] as const;
export const rolloutStageNameSchema = z.enum(ROLLOUT_STAGES);
export type RolloutStageName = z.infer<typeof rolloutStageNameSchema>;

/** One stage: the candidate scores copies of production's traffic (shadow) or answers a share of it (canary). */
const rolloutStageSchema = z.discriminatedUnion('stage', [
  z.strictObject({
    stage: z.literal('shadow'),
    /** Candidate requests (shadow copies) before the guardrails decide. */
    minRequests,
  }),
  z.strictObject({
    stage: z.literal('canary'),
    /** Share of request keys the candidate answers during this stage (overrides CANARY_SHARE for the model). */
    share: z.number().gt(0).lt(1),
    minRequests,
  }),
]);
export type RolloutStage = z.infer<typeof rolloutStageSchema>;

/** The guardrails; each one left out is not checked (except the error rate and drift, on by default). */
const guardrailsSchema = z.strictObject({
  /** Most share of the candidate's requests that may fail (model errors; bad input does not count). */
  maxErrorRate: share.default(0.01),
  p99LatencyMs: z
    .strictObject({
      /** Most p99 latency of the candidate, in milliseconds. */
      max: z.number().positive().optional(),
      /** Most p99 of the candidate divided by production's p99 over the same stage. */
      maxRatioToProduction: z.number().min(1).optional(),
    })
    .optional(),
  /** Fails at this drift status of the candidate's traffic (PSI against its training statistics). */
  drift: z.strictObject({ failOn: z.enum(['warning', 'drift']).default('drift') }).default({ failOn: 'drift' }),
  /** Live accuracy from feedback, checked once the candidate has `minFeedback` labelled predictions in the stage. */
  liveAccuracy: z
    .strictObject({
      minFeedback: z.number().int().min(1).default(30),
      /** Least accuracy of the candidate. */
      min: share.optional(),
      /** Most accuracy the candidate may lose against production over the same stage. */
      maxDropFromProduction: share.optional(),
    })
    .optional(),
  /** Least share of texts on which the candidate decides like production. */
  agreement: z.strictObject({ min: share }).optional(),
});
export type RolloutGuardrails = z.infer<typeof guardrailsSchema>;

const DEFAULT_STAGES: RolloutStage[] = [
  { stage: 'shadow', minRequests: 200 },
  { stage: 'canary', share: 0.1, minRequests: 200 },
];

/** What a rollout runs besides its version: stages, guardrails, a reason (also a promotion policy's `rollout`). */
const rolloutSpecShape = {
  reason: z.string().trim().min(1).max(1000).optional(),
  stages: z.array(rolloutStageSchema).min(1).max(2).default(DEFAULT_STAGES),
  guardrails: guardrailsSchema.default({ maxErrorRate: 0.01, drift: { failOn: 'drift' } }),
};

function refineRolloutSpec(
  body: { stages: RolloutStage[]; guardrails: RolloutGuardrails },
  context: z.RefinementCtx,
): void {
  body.stages.forEach((stage, index) => {
    if (ROLLOUT_STAGES.indexOf(stage.stage) < index || body.stages.findIndex((s) => s.stage === stage.stage) < index)
      context.addIssue({
        code: 'custom',
        path: ['stages', index, 'stage'],
        message: 'stages run in the order shadow, canary, each at most once',
      });
  });
  const { p99LatencyMs, liveAccuracy } = body.guardrails;
  if (p99LatencyMs && p99LatencyMs.max === undefined && p99LatencyMs.maxRatioToProduction === undefined)
    context.addIssue({
      code: 'custom',
      path: ['guardrails', 'p99LatencyMs'],
      message: 'give max, maxRatioToProduction or both',
    });
  if (liveAccuracy && liveAccuracy.min === undefined && liveAccuracy.maxDropFromProduction === undefined)
    context.addIssue({
      code: 'custom',
      path: ['guardrails', 'liveAccuracy'],
      message: 'give min, maxDropFromProduction or both',
    });
  const mostRequests = Math.max(...body.stages.map((stage) => stage.minRequests));
  if (liveAccuracy && liveAccuracy.minFeedback > mostRequests)
    context.addIssue({
      code: 'custom',
      path: ['guardrails', 'liveAccuracy', 'minFeedback'],
      message: `must not exceed the largest stage minRequests (${mostRequests}): it could never be checked`,
    });
}

/**
 * Body of `POST /v1/models/{name}/rollout`. Contradictions are refused naming the field: a stage
 * twice or canary before shadow, a latency or accuracy guardrail without any threshold, a
 * feedback minimum no stage can reach.
 */
export const rolloutStartBodySchema = z
  .strictObject({
    /** The candidate version; production stays where it is until the last stage passes. */
    version,
    ...rolloutSpecShape,
  })
  .superRefine(refineRolloutSpec);

/** A rollout without its version, checked like the start body: what a promotion policy declares. */
export const rolloutSpecSchema = z.strictObject(rolloutSpecShape).superRefine(refineRolloutSpec);
export type RolloutSpec = z.output<typeof rolloutSpecSchema>;
export type RolloutStartBody = z.infer<typeof rolloutStartBodySchema>;

/** Body of `POST /v1/models/{name}/rollout/abort`. */
export const rolloutAbortBodySchema = z.strictObject({ reason: z.string().trim().min(1).max(1000) });

export const guardrailNameSchema = z.enum(['errorRate', 'p99Latency', 'drift', 'liveAccuracy', 'agreement']);
export type GuardrailName = z.infer<typeof guardrailNameSchema>;

/** One guardrail's verdict: its measured value against its threshold. */
export const guardrailCheckSchema = z.object({
  name: guardrailNameSchema,
  /** `pending`: not enough data yet; `skipped`: not enough data by the end of the stage (does not block). */
  status: z.enum(['pass', 'fail', 'pending', 'skipped']),
  value: z.union([z.number(), z.string()]).nullable(),
  threshold: z.string(),
  detail: z.string(),
});
export type GuardrailCheck = z.infer<typeof guardrailCheckSchema>;

/** What the replicas measured of the candidate during the current stage, summed over all of them. */
export const rolloutFiguresSchema = z.object({
  requests: z.number().int().min(0),
  errors: z.number().int().min(0),
  latencyP99Ms: z.number().min(0).nullable(),
  productionLatencyP99Ms: z.number().min(0).nullable(),
  agreement: z.object({ compared: z.number().int().min(0), agreed: z.number().int().min(0) }),
  feedback: z.object({
    withFeedback: z.number().int().min(0),
    accuracy: share.nullable(),
    productionAccuracy: share.nullable(),
  }),
  /** Worst drift status over the replicas that have a verdict, and how many replicas reported. */
  drift: z.object({ status: z.string(), replicas: z.number().int().min(0) }),
});
export type RolloutFigures = z.infer<typeof rolloutFiguresSchema>;

export const rolloutStatusSchema = z.enum(['running', 'promoted', 'rolled-back', 'aborted']);

/** One step of a rollout's history, with the figures it was decided on. */
const rolloutHistoryEntrySchema = z.object({
  at: z.iso.datetime(),
  event: z.enum(['started', 'advanced', 'promoted', 'rolled-back', 'aborted']),
  stage: z.union([rolloutStageNameSchema, z.literal('production')]),
  reason: z.string(),
  by: z.string(),
  figures: rolloutFiguresSchema.nullable(),
  guardrails: z.array(guardrailCheckSchema),
});

/** Answer of the rollout routes: where the rollout is, what it measured, what it decided. */
export const rolloutStateSchema = z.object({
  id: z.uuid(),
  model: modelNameSchema,
  version,
  /** The production version when the rollout started (unchanged unless the rollout promoted). */
  productionVersion: version.nullable(),
  status: rolloutStatusSchema,
  /** The current stage while running; the last stage reached otherwise. */
  stage: z.union([rolloutStageNameSchema, z.literal('production')]),
  stageIndex: z.number().int().min(0),
  stageStartedAt: z.iso.datetime(),
  spec: z.object({
    stages: z.array(rolloutStageSchema),
    guardrails: guardrailsSchema,
  }),
  figures: rolloutFiguresSchema,
  guardrails: z.array(guardrailCheckSchema),
  history: z.array(rolloutHistoryEntrySchema),
  startedBy: z.string(),
  startedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type RolloutState = z.infer<typeof rolloutStateSchema>;
export type RolloutHistoryEntry = z.infer<typeof rolloutHistoryEntrySchema>;

/**
 * Fact published when a rollout takes its candidate back (`model.rolled-back`): a guardrail
 * failed (or an operator aborted); production is unchanged. Message id `model.rolled-back:<rolloutId>`.
 */
export const modelRolledBackEventSchema = z.object({
  rolloutId: z.uuid(),
  name: modelNameSchema,
  version,
  productionVersion: version.nullable(),
  stage: rolloutStageNameSchema,
  /** `guardrail` when a guardrail failed, `abort` when someone aborted. */
  cause: z.enum(['guardrail', 'abort']),
  reason: z.string(),
  failed: z.array(guardrailCheckSchema),
  figures: rolloutFiguresSchema,
  by: z.string(),
  rolledBackAt: z.iso.datetime(),
});
export type ModelRolledBackEvent = z.infer<typeof modelRolledBackEventSchema>;

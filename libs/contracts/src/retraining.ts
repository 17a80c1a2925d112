import { z } from 'zod';
import { datasetRefSchema, trainingJobRequestSchema } from './training-job.js';
import { modelNameSchema } from './registry.js';
import { studyCreateSchema } from './study.js';
import { rolloutSpecSchema } from './rollout.js';

const share = z.number().min(0).max(1);

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * How a scheduled retrain's new version becomes production. `automatic`: promote when the
 * reference-holdout macro-F1 beats production's by at least `minImprovement` and no class's F1
 * falls by more than `maxClassDrop`; otherwise the version stays `candidate` with a comparison
 * report. `manual`: every new version stays `candidate` (with its report) until someone promotes it.
 * With `rollout`, an automatic promotion starts a progressive rollout of the new version in
 * inference (shadow, canary, production under guardrails) instead of moving `production` at once.
 */
export const promotionPolicySchema = z
  .strictObject({
    mode: z.enum(['automatic', 'manual']).default('automatic'),
    minImprovement: z
      .number()
      .min(0, 'a negative margin would promote a worse model')
      .max(1)
      .optional()
      .describe('least gain of holdout macro-F1 over production (absolute, 0.01 = one point); default 0'),
    maxClassDrop: z
      .number()
      .min(0, 'a class F1 drop is between 0 and 1')
      .max(1, 'a class F1 drop is between 0 and 1')
      .optional()
      .describe("largest fall of any class's holdout F1 allowed (absolute); default 0.05"),
    onUnchangedData: z
      .enum(['skip', 'train'])
      .default('skip')
      .describe('when the frozen data equals the last tick’s: skip the tick (recorded) or train anyway'),
    rollout: rolloutSpecSchema
      .optional()
      .describe(
        'automatic mode only: promote through a progressive rollout in inference (the body of POST /v1/models/{name}/rollout without its version) instead of moving production at once',
      ),
  })
  .superRefine((policy, context) => {
    if (policy.mode !== 'manual') return;
    if (policy.rollout !== undefined)
      context.addIssue({
        code: 'custom',
        path: ['rollout'],
        message: 'a manual policy promotes nothing by itself: rollout contradicts mode "manual"',
      });
    for (const field of ['minImprovement', 'maxClassDrop'] as const) {
      if (policy[field] !== undefined)
        context.addIssue({
          code: 'custom',
          path: [field],
          message: `a manual policy promotes nothing by itself: ${field} contradicts mode "manual"`,
        });
    }
  })
  .prefault({});
export type PromotionPolicy = z.output<typeof promotionPolicySchema>;

/** The thresholds of an automatic policy with their defaults applied. */
export function policyThresholds(policy: PromotionPolicy): { minImprovement: number; maxClassDrop: number } {
  return { minImprovement: policy.minImprovement ?? 0, maxClassDrop: policy.maxClassDrop ?? 0.05 };
}

/** What a tick trains: one training job, or a study whose best trial is the new version. */
export const scheduleTrainingSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('job'),
    request: trainingJobRequestSchema
      .omit({ modelName: true, dataset: true, requestedBy: true, study: true })
      .describe('task, seed and config; the model and the dataset version come from the schedule and the tick'),
  }),
  z.strictObject({
    kind: z.literal('study'),
    study: studyCreateSchema
      .extend({ base: studyCreateSchema.shape.base.omit({ modelName: true, dataset: true }) })
      .describe('a study request whose base has no model nor dataset: the tick fills them'),
  }),
]);

/** Body of `POST /v1/schedules`. */
export const scheduleCreateSchema = z.strictObject({
  modelName: modelNameSchema,
  cron: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('a cron expression (5 or 6 fields, croner syntax: `0 3 * * 1` is Mondays at 03:00)'),
  timezone: z
    .string()
    .min(1)
    .max(64)
    .refine(isTimeZone, 'an IANA time zone such as Europe/Paris or UTC')
    .describe('the IANA time zone the cron expression is read in'),
  dataset: z.strictObject({
    name: datasetRefSchema.shape.name,
    mode: z
      .enum(['freeze', 'latest'])
      .default('freeze')
      .describe(
        'freeze: freeze a new version each tick (skipped when its data did not change); latest: train on the latest version',
      ),
  }),
  holdout: datasetRefSchema.describe(
    'the fixed reference holdout version every new and production version is scored on',
  ),
  training: scheduleTrainingSchema,
  policy: promotionPolicySchema,
});
export type ScheduleCreate = z.output<typeof scheduleCreateSchema>;

export const scheduleStatusSchema = z.enum(['active', 'paused']);

/** A schedule as the API shows it. */
export const scheduleSchema = z.object({
  id: z.uuid(),
  status: scheduleStatusSchema,
  request: scheduleCreateSchema,
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  lastTickAt: z.iso.datetime().optional(),
  nextTickAt: z.iso.datetime().optional().describe('absent while paused'),
  lastDatasetVersion: z.number().int().min(1).optional(),
});
export type Schedule = z.infer<typeof scheduleSchema>;

export const scheduleParamsSchema = z.object({ id: z.uuid() });

/** Body of `POST /v1/schedules/{id}:pause` (`:resume`): why, kept with the schedule's log line. */
export const scheduleToggleBodySchema = z.strictObject({ reason: z.string().trim().min(1).max(1000).optional() });

export const tickStateSchema = z.enum(['running', 'succeeded', 'skipped', 'failed']);

/** One tick of a schedule: what it froze, trained and decided, or why it stopped. */
export const scheduleTickSchema = z.object({
  id: z.string(),
  scheduleId: z.uuid(),
  modelName: z.string(),
  trigger: z.enum(['cron', 'manual']),
  scheduledFor: z.iso.datetime(),
  state: tickStateSchema,
  stage: z.enum(['freeze', 'train', 'evaluate', 'done']),
  datasetVersion: z.number().int().min(1).optional(),
  jobId: z.uuid().optional(),
  studyId: z.uuid().optional(),
  modelVersion: z.number().int().min(1).optional(),
  decisionId: z.string().optional(),
  reason: z.string().optional(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().optional(),
});
export type ScheduleTick = z.infer<typeof scheduleTickSchema>;

/** A model version's score on the reference holdout: macro-F1 and each class's F1. */
export const holdoutScoreSchema = z.object({
  version: z.number().int().min(1),
  macroF1: share,
  accuracy: share,
  perClassF1: z.record(z.string(), share),
  examples: z.number().int().min(0),
});
export type HoldoutScore = z.infer<typeof holdoutScoreSchema>;

/** A promotion decision: automatic (a tick) or manual (an alias moved by a person), with its figures. */
export const promotionDecisionSchema = z.object({
  id: z.string(),
  modelName: z.string(),
  kind: z.enum(['automatic', 'manual']),
  action: z.enum(['promoted', 'kept-candidate', 'rolled-back', 'moved', 'rollout-started']),
  version: z.number().int().min(1).nullable(),
  previousProduction: z.number().int().min(1).nullable(),
  alias: z.string(),
  reason: z.string(),
  decidedBy: z.string(),
  decidedAt: z.iso.datetime(),
  scheduleId: z.uuid().optional(),
  tickId: z.string().optional(),
  holdout: datasetRefSchema.optional(),
  policy: promotionPolicySchema.optional(),
  figures: z
    .object({
      candidate: holdoutScoreSchema,
      production: holdoutScoreSchema.optional(),
      macroF1Gain: z.number().optional(),
      worstClassDrop: z.object({ label: z.string(), drop: z.number() }).optional(),
      testSplitMacroF1: z
        .object({ candidate: z.number().optional(), production: z.number().optional() })
        .optional()
        .describe(
          "each version's macro-F1 on its own training run's test split (its data, not comparable across data)",
        ),
    })
    .optional(),
  rollout: z
    .object({ id: z.uuid(), stage: z.string(), status: z.string() })
    .optional()
    .describe('the progressive rollout this decision started in inference (GET /v1/models/{name}/rollout follows it)'),
  comparisonReport: z
    .object({
      url: z.string(),
      a: z.number().int().min(1),
      b: z.number().int().min(1),
      sha256: z.string().optional(),
      size: z.number().int().min(0).optional(),
      error: z.string().optional(),
    })
    .optional(),
});
export type PromotionDecision = z.infer<typeof promotionDecisionSchema>;

import { z } from 'zod';
import { prunerSpecSchema, samplerSpecSchema, searchSpaceSchema } from './study-space.js';
import { trainingJobRequestSchema } from './training-job.js';

/** What a study optimises: the trial's best-epoch validation macro-F1 by default, maximised. */
export const studyObjectiveSchema = z
  .strictObject({
    metric: z
      .enum(['validationMacroF1', 'validationAccuracy', 'testMacroF1', 'testAccuracy'])
      .default('validationMacroF1')
      .describe('validation* metrics: the best epoch of the trial; test*: the run evaluation on the test split'),
    direction: z.enum(['maximize', 'minimize']).default('maximize'),
  })
  .prefault({});

/** When a study stops asking for trials: after `trials` trials, after `minutes`, whichever comes first. */
export const studyBudgetSchema = z
  .strictObject({
    trials: z.number().int().min(1).max(1000).optional(),
    minutes: z
      .number()
      .positive()
      .max(60 * 24 * 30)
      .optional(),
  })
  .refine((budget) => budget.trials !== undefined || budget.minutes !== undefined, {
    message: 'an empty budget: give trials, minutes or both',
    path: ['trials'],
  });

/** Body of `POST /v1/studies`. */
export const studyCreateSchema = z.strictObject({
  name: z.string().min(1).max(128).optional(),
  base: trainingJobRequestSchema
    .omit({ requestedBy: true, study: true })
    .describe('the frozen base training request; each trial overrides fields of its `config`'),
  space: searchSpaceSchema,
  objective: studyObjectiveSchema,
  budget: studyBudgetSchema,
  sampler: samplerSpecSchema,
  pruner: prunerSpecSchema,
  parallelism: z.number().int().min(1).max(16).default(1).describe('trials running at once'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(0)
    .describe('the sampler seed: with the history, it fixes every suggestion'),
});
export type StudyCreate = z.output<typeof studyCreateSchema>;

export const studyStatusSchema = z.enum(['running', 'completed', 'cancelled', 'failed']);
export const studyTrialStateSchema = z.enum(['running', 'complete', 'pruned', 'failed']);

const parameterValueSchema = z.union([z.string(), z.number(), z.boolean()]);

/** One trial: its sampled values, resolved config, training job, per-epoch objective and value. */
export const studyTrialSchema = z.object({
  number: z.number().int().min(0),
  state: studyTrialStateSchema,
  params: z.record(z.string(), parameterValueSchema),
  config: z.record(z.string(), z.unknown()).describe("the trial's resolved `config` (base with overrides)"),
  jobId: z.uuid(),
  intermediate: z.array(z.object({ epoch: z.number().int().min(1), value: z.number() })),
  value: z.number().optional(),
  modelVersion: z.object({ name: z.string(), version: z.number().int().min(1) }).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().optional(),
});
export type StudyTrial = z.infer<typeof studyTrialSchema>;

/** A study as listed. */
export const studySummarySchema = z.object({
  id: z.uuid(),
  name: z.string().optional(),
  modelName: z.string(),
  status: studyStatusSchema,
  sampler: z.string(),
  trials: z.object({
    total: z.number().int(),
    running: z.number().int(),
    complete: z.number().int(),
    pruned: z.number().int(),
    failed: z.number().int(),
  }),
  bestValue: z.number().optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().optional(),
  reason: z.string().optional(),
});

const parallelAxisSchema = z.object({
  name: z.string(),
  kind: z.enum(['float', 'int', 'categorical', 'objective']),
  log: z.boolean().optional(),
  range: z.tuple([z.number(), z.number()]).optional(),
  choices: z.array(parameterValueSchema).optional(),
  values: z.array(parameterValueSchema.nullable()),
});

/** A study in full: its request, trial table, best trial, importances and parallel-coordinates data. */
export const studySchema = studySummarySchema.extend({
  request: studyCreateSchema,
  trialTable: z.array(studyTrialSchema),
  bestTrial: studyTrialSchema.optional(),
  importances: z
    .record(z.string(), z.number())
    .describe('fANOVA-lite: variance of the per-bin mean objective per parameter, normalised to sum 1'),
  parallelCoordinates: z.object({ trialNumbers: z.array(z.number().int()), axes: z.array(parallelAxisSchema) }),
});
export type Study = z.infer<typeof studySchema>;

export const studyParamsSchema = z.object({ id: z.uuid() });

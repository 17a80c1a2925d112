import { z } from 'zod';

const pointerSchema = z
  .string()
  .regex(/^(\/[^/]+)+$/, 'a JSON pointer (RFC 6901) such as /optimization/learningRate')
  .describe('the config field the parameter overrides: a JSON pointer into the base training config (`config`)');

const floatSchema = z
  .strictObject({
    kind: z.literal('float'),
    low: z.number(),
    high: z.number(),
    log: z.boolean().default(false),
    step: z.number().positive().optional().describe('discretisation step; not with log'),
  })
  .refine((d) => d.low < d.high, { message: 'empty range: low must be below high', path: ['high'] })
  .refine((d) => !d.log || d.low > 0, { message: 'log scale needs low > 0', path: ['low'] })
  .refine((d) => !(d.log && d.step !== undefined), { message: 'step and log are exclusive', path: ['step'] });

const intSchema = z
  .strictObject({
    kind: z.literal('int'),
    low: z.number().int(),
    high: z.number().int(),
    log: z.boolean().default(false),
    step: z.number().int().positive().default(1),
  })
  .refine((d) => d.low < d.high, { message: 'empty range: low must be below high', path: ['high'] })
  .refine((d) => !d.log || d.low > 0, { message: 'log scale needs low > 0', path: ['low'] })
  .refine((d) => !d.log || d.step === 1, { message: 'log scale needs step 1', path: ['step'] });

const choiceSchema = z.union([z.string(), z.number(), z.boolean()]);

const categoricalSchema = z.strictObject({
  kind: z.literal('categorical'),
  choices: z.array(choiceSchema).min(1).max(100),
});

/** One parameter's distribution: float or int (optionally log scale or stepped), or categorical. */
export const distributionSchema = z.discriminatedUnion('kind', [floatSchema, intSchema, categoricalSchema]);

/** A parameter is active only when another (declared before it) took one of the listed values. */
const conditionSchema = z.strictObject({
  parameter: z.string().min(1),
  in: z.array(choiceSchema).min(1),
});

/** One searched parameter: a name, the config field it overrides, its distribution, an optional condition. */
export const parameterSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z][\w.-]{0,63}$/),
  pointer: pointerSchema,
  distribution: distributionSchema,
  when: conditionSchema.optional(),
});

/**
 * A search space: parameters in declaration order, names unique, each condition naming a
 * parameter declared before it (so sampling in order always knows whether a parameter is active).
 */
export const searchSpaceSchema = z
  .array(parameterSchema)
  .min(1)
  .max(50)
  .superRefine((parameters, context) => {
    const seen = new Set<string>();
    const pointers = new Set<string>();
    parameters.forEach((parameter, index) => {
      if (seen.has(parameter.name)) {
        context.addIssue({ code: 'custom', message: 'duplicate parameter name', path: [index, 'name'] });
      }
      if (parameter.when === undefined && pointers.has(parameter.pointer)) {
        context.addIssue({
          code: 'custom',
          message: 'two unconditional parameters override this field',
          path: [index, 'pointer'],
        });
      }
      if (parameter.when !== undefined && !seen.has(parameter.when.parameter)) {
        context.addIssue({
          code: 'custom',
          message: `condition on unknown parameter "${parameter.when.parameter}" (declare it before)`,
          path: [index, 'when', 'parameter'],
        });
      }
      seen.add(parameter.name);
      pointers.add(parameter.pointer);
    });
  });

/** Which sampler a study uses; TPE fields left out take Optuna 5's defaults. */
export const samplerSpecSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('random') }),
    z.strictObject({
      kind: z.literal('tpe'),
      nStartupTrials: z.number().int().min(0).max(1000).default(10),
      nEiCandidates: z.number().int().min(1).max(1000).default(24),
      multivariate: z.boolean().default(true),
      constantLiar: z.boolean().default(true),
    }),
  ])
  .default({ kind: 'tpe', nStartupTrials: 10, nEiCandidates: 24, multivariate: true, constantLiar: true });

/** Optuna's `MedianPruner` settings and defaults. */
const medianPrunerSchema = z.strictObject({
  kind: z.literal('median'),
  startupTrials: z.number().int().min(0).default(5).describe('complete trials before any pruning'),
  warmupSteps: z.number().int().min(0).default(0).describe('epochs of a trial never pruned'),
  minTrials: z.number().int().min(1).default(1).describe('trials reporting at a step before it can prune'),
});

/** Optuna's `SuccessiveHalvingPruner` (asynchronous successive halving) settings and defaults. */
const ashaPrunerSchema = z.strictObject({
  kind: z.literal('asha'),
  minResource: z.number().int().min(1).default(1).describe('epochs of the first rung'),
  reductionFactor: z.number().int().min(2).default(4).describe('rung k is at minResource·factor^k epochs'),
  minEarlyStoppingRate: z.number().int().min(0).default(0),
});

/** How a study stops unpromising trials early: never, median, or asynchronous successive halving. */
export const prunerSpecSchema = z
  .discriminatedUnion('kind', [z.strictObject({ kind: z.literal('none') }), medianPrunerSchema, ashaPrunerSchema])
  .default({ kind: 'none' });

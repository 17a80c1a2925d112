import type { z } from 'zod';
import { optimizationSpecSchema } from '../model/model-spec.js';

const GRADIENT_ONLY = ['learningRate', 'batchSize', 'schedule', 'warmupSteps', 'l2'] as const;
const DUAL_ONLY = ['C', 'tolerance'] as const;

/** A field's schema default: a resolved config carries it whatever the optimizer, so it never contradicts one. */
function isDefault(field: (typeof GRADIENT_ONLY)[number] | (typeof DUAL_ONLY)[number], value: unknown): boolean {
  return value === optimizationSpecSchema.shape[field].def.defaultValue;
}

/**
 * Rejects a raw training config whose `optimization` contradicts its optimizer, naming the field:
 * `dual_cd` on a model other than `linear` or with the softmax loss, gradient-descent settings
 * (learning rate, batch size, schedule, warm-up, l2) given for `dual_cd`, or `C`/`tolerance`
 * given for another optimizer. A field holding its default value is no contradiction: a stored
 * config holds every default and must parse again. `defaultOptimizer` is the linear model's
 * default; networks default to adam.
 */
export function checkOptimizerFields(input: unknown, ctx: z.RefinementCtx, defaultOptimizer: string): void {
  if (!isRecord(input)) return;
  const optimization = isRecord(input.optimization) ? input.optimization : {};
  const kind = isRecord(input.model) && typeof input.model.kind === 'string' ? input.model.kind : 'linear';
  const fallback = kind === 'linear' ? defaultOptimizer : 'adam';
  const optimizer = typeof optimization.optimizer === 'string' ? optimization.optimizer : fallback;
  const issue = (field: string, message: string): void =>
    ctx.addIssue({ code: 'custom', message, path: ['optimization', field], input: optimization[field] });
  if (optimizer !== 'dual_cd') {
    for (const field of DUAL_ONLY)
      if (optimization[field] !== undefined && !isDefault(field, optimization[field]))
        issue(field, `${field} is a setting of optimizer dual_cd, not of ${optimizer}`);
    return;
  }
  if (kind !== 'linear') issue('optimizer', `dual_cd trains the linear model only, not model.kind ${kind}`);
  if (optimization.loss === 'softmax')
    issue('loss', 'dual_cd solves the squared hinge only; use optimizer sgd or adam for softmax');
  for (const field of GRADIENT_ONLY)
    if (optimization[field] !== undefined && !isDefault(field, optimization[field]))
      issue(
        field,
        `${field} is a setting of the sgd and adam optimizers; dual_cd does not use it (its regularisation is C)`,
      );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { z } from 'zod';
import type { DecisionRule } from './decision-rules.schema.js';

/**
 * Checks that every label the rules name (`then.label`, `ifModel.predictedIn`) is one of the
 * model's labels, which are known only once the training data is read. Throws a `ZodError` whose
 * issues point into the rules (`[2, "then", "label"]`) like those of `decisionRulesSchema`.
 */
export function validateRulesAgainstLabels(rules: readonly DecisionRule[], labels: readonly string[]): void {
  const known = new Set(labels);
  const issues: z.core.$ZodIssue[] = [];
  const unknownLabel = (label: string, path: PropertyKey[]): void => {
    if (known.has(label)) return;
    issues.push({
      code: 'custom',
      path,
      input: label,
      message: `label "${label}" is not one of the model's labels (${labels.join(', ')})`,
    });
  };
  rules.forEach((rule, index) => {
    unknownLabel(rule.then.label, [index, 'then', 'label']);
    rule.ifModel?.predictedIn?.forEach((label, position) => {
      unknownLabel(label, [index, 'ifModel', 'predictedIn', position]);
    });
  });
  if (issues.length > 0) throw new z.ZodError(issues);
}

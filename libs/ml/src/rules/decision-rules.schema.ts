import { labelValueSchema } from '@mlops/contracts';
import { findTagger, TAGGERS } from '@mlops/text';
import { z } from 'zod';

/** At most this many rules: they are read by people and run on every prediction. */
const MAX_RULES = 50;

const ruleIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a slug: lower-case letters and digits, words joined by single hyphens');

const registeredTaggerSchema = z.string().refine((name) => findTagger(name) !== undefined, {
  error: (issue) =>
    `unknown tagger ${JSON.stringify(issue.input)}; registered taggers: ${TAGGERS.map((t) => t.name).join(', ')}`,
});

const taggerConditionSchema = z.strictObject({
  tagger: registeredTaggerSchema.describe('a tagger of the registry of @mlops/text (GET /v1/taggers of nlp)'),
  minHits: z.int().min(1).default(1).describe('how many hits of that tagger the text must have at least'),
});

const modelConditionSchema = z
  .strictObject({
    maxConfidenceBelow: z
      .number()
      .gt(0)
      .lte(1)
      .optional()
      .describe("holds when the model's highest probability is below this value"),
    predictedIn: z
      .array(labelValueSchema)
      .min(1)
      .max(1000)
      .optional()
      .describe("holds when the model's own prediction is one of these labels"),
  })
  .refine((condition) => condition.maxConfidenceBelow !== undefined || condition.predictedIn !== undefined, {
    error: 'set maxConfidenceBelow, predictedIn or both; leave ifModel out for a rule that ignores the model',
  });

const decisionRuleSchema = z.strictObject({
  id: ruleIdSchema.describe('names the rule in predictions and evaluation reports; unique among the rules'),
  when: taggerConditionSchema.describe('the rule fires only when the text has these hits'),
  unless: taggerConditionSchema.optional().describe('the rule does not fire when the text has these hits'),
  ifModel: modelConditionSchema.optional().describe('all its conditions must hold as well'),
  then: z.strictObject({ label: labelValueSchema.describe("one of the model's labels") }),
});

/**
 * Decision rules of a training config: tagger hits (from `@mlops/text`, with its default options)
 * combined with the model's output, evaluated in order by `applyDecisionRules` in training
 * evaluation and in serving alike. Tagger names are checked here; the labels, known only once the
 * training data is read, by `validateRulesAgainstLabels`.
 *
 * ```json
 * [{ "id": "iban-invoice", "when": { "tagger": "iban" }, "ifModel": { "maxConfidenceBelow": 0.6 }, "then": { "label": "invoice" } }]
 * ```
 */
export const decisionRulesSchema = z
  .array(decisionRuleSchema)
  .max(MAX_RULES)
  .superRefine((rules, context) => {
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      if (seen.has(rule.id)) {
        context.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate rule id "${rule.id}"` });
      }
      seen.add(rule.id);
    });
  });

/** One parsed rule (`minHits` filled in). */
export type DecisionRule = z.output<typeof decisionRulesSchema>[number];

/** A condition on the hits of one tagger. */
export type TaggerCondition = DecisionRule['when'];

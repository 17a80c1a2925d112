import { DEFAULT_TAGGER_OPTIONS, runTaggers, type Hit } from '@mlops/text';
import type { DecisionRule, TaggerCondition } from './decision-rules.schema.js';
import { taggersNeeded } from './taggers-needed.js';

/** What the rules look at for one text. */
export interface DecisionInput {
  readonly text: string;
  /** The model's labels, in the order of its outputs. */
  readonly labels: readonly string[];
  /** The model's output for the text, one probability per label. */
  readonly probabilities: ArrayLike<number>;
  /**
   * Hits the caller already has for this text (serving returns them to the client too). They must
   * come from at least `taggersNeeded(rules)` run with `DEFAULT_TAGGER_OPTIONS`: a needed tagger
   * missing from them counts as no hits. Without them the needed taggers are run here.
   */
  readonly taggerHits?: readonly Hit[] | undefined;
}

/** The decision for one text. */
export interface Decision {
  readonly label: string;
  /** Index of `label` in the labels. */
  readonly labelIndex: number;
  /** The model's probabilities as given, unchanged even when a rule chose the label. */
  readonly probabilities: ArrayLike<number>;
  /** Id of the rule that chose the label; null when it is the model's own prediction. */
  readonly rule: string | null;
}

/**
 * Decides the label of one text: the first rule whose conditions all hold chooses its `then.label`;
 * when none does, the label of the highest probability (the first of equal ones). A rule's label
 * overrides the prediction only: the probabilities are returned as they are, so scores and
 * calibration stay the model's while accuracy counts the rules. The model condition of a rule is
 * checked before its tagger conditions, and the needed taggers run at most once per call, only
 * when a rule gets that far. Rules are expected parsed by `decisionRulesSchema` and checked by
 * `validateRulesAgainstLabels`.
 */
export function applyDecisionRules(rules: readonly DecisionRule[], input: DecisionInput): Decision {
  const { labels, probabilities } = input;
  if (labels.length === 0 || labels.length !== probabilities.length) {
    throw new RangeError(`${probabilities.length} probabilities for ${labels.length} labels`);
  }
  const predictedIndex = argmax(probabilities);
  const predicted = labels[predictedIndex] ?? '';
  const confidence = probabilities[predictedIndex] ?? 0;
  const hitCount = lazyHitCounter(rules, input);

  const fired = rules.find((rule) => {
    const model = rule.ifModel;
    if (model?.maxConfidenceBelow !== undefined && !(confidence < model.maxConfidenceBelow)) return false;
    if (model?.predictedIn !== undefined && !model.predictedIn.includes(predicted)) return false;
    if (!holds(rule.when, hitCount)) return false;
    return rule.unless === undefined || !holds(rule.unless, hitCount);
  });
  if (fired === undefined) return { label: predicted, labelIndex: predictedIndex, probabilities, rule: null };

  const labelIndex = labels.indexOf(fired.then.label);
  if (labelIndex < 0) {
    throw new RangeError(`rule "${fired.id}" chooses label "${fired.then.label}", not one of ${labels.join(', ')}`);
  }
  return { label: fired.then.label, labelIndex, probabilities, rule: fired.id };
}

function holds(condition: TaggerCondition, hitCount: (tagger: string) => number): boolean {
  return hitCount(condition.tagger) >= condition.minHits;
}

/** Counts hits per tagger, running the needed taggers on the first question only. */
function lazyHitCounter(rules: readonly DecisionRule[], input: DecisionInput): (tagger: string) => number {
  let counts: Map<string, number> | undefined;
  return (tagger) => {
    if (counts === undefined) {
      const hits = input.taggerHits ?? runTaggers(input.text, taggersNeeded(rules), DEFAULT_TAGGER_OPTIONS);
      counts = new Map();
      for (const hit of hits) counts.set(hit.tagger, (counts.get(hit.tagger) ?? 0) + 1);
    }
    return counts.get(tagger) ?? 0;
  };
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i += 1) {
    if ((values[i] ?? -Infinity) > (values[best] ?? -Infinity)) best = i;
  }
  return best;
}

import { TAGGERS, type Tagger } from '@mlops/text';
import type { DecisionRule } from './decision-rules.schema.js';

/** The taggers the rules' `when` and `unless` conditions name, each once, in the registry's order. */
export function taggersNeeded(rules: readonly DecisionRule[]): readonly Tagger[] {
  const names = new Set(rules.flatMap((rule) => [rule.when.tagger, ...(rule.unless ? [rule.unless.tagger] : [])]));
  return TAGGERS.filter((tagger) => names.has(tagger.name));
}

import { describe, expect, it } from 'vitest';
import { decisionRulesSchema } from './decision-rules.schema.js';
import { taggersNeeded } from './taggers-needed.js';

describe('taggersNeeded', () => {
  it("lists the taggers of when and unless once each, in the registry's order", () => {
    const rules = decisionRulesSchema.parse([
      { id: 'a', when: { tagger: 'iban' }, unless: { tagger: 'url' }, then: { label: 'invoice' } },
      { id: 'b', when: { tagger: 'email' }, then: { label: 'ham' } },
      { id: 'c', when: { tagger: 'iban', minHits: 2 }, then: { label: 'invoice' } },
    ]);
    expect(taggersNeeded(rules).map((tagger) => tagger.name)).toEqual(['email', 'url', 'iban']);
    expect(taggersNeeded([])).toEqual([]);
  });
});

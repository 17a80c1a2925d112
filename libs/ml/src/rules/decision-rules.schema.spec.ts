import { describe, expect, it } from 'vitest';
import { decisionRulesSchema } from './decision-rules.schema.js';

const rule = (overrides: Record<string, unknown> = {}) => ({
  id: 'iban-invoice',
  when: { tagger: 'iban' },
  then: { label: 'invoice' },
  ...overrides,
});

const issuesOf = (rules: unknown) => {
  const result = decisionRulesSchema.safeParse(rules);
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((issue) => ({ path: issue.path, message: issue.message }));
};

describe('decisionRulesSchema', () => {
  it('accepts a minimal and a full rule and fills minHits', () => {
    const rules = decisionRulesSchema.parse([
      rule(),
      rule({
        id: 'two-links-spam',
        when: { tagger: 'url', minHits: 2 },
        unless: { tagger: 'iban' },
        ifModel: { maxConfidenceBelow: 1, predictedIn: ['ham'] },
        then: { label: 'spam' },
      }),
    ]);
    expect(rules[0]).toEqual({ id: 'iban-invoice', when: { tagger: 'iban', minHits: 1 }, then: { label: 'invoice' } });
    expect(rules[1]?.unless).toEqual({ tagger: 'iban', minHits: 1 });
    expect(decisionRulesSchema.parse([])).toEqual([]);
  });

  it('rejects an unknown tagger, naming the rule index, the field and the registered taggers', () => {
    const issues = issuesOf([
      rule(),
      rule({ id: 'b', when: { tagger: 'ssn' } }),
      rule({ id: 'c', unless: { tagger: 'vat' } }),
    ]);
    expect(issues.map((issue) => issue.path)).toEqual([
      [1, 'when', 'tagger'],
      [2, 'unless', 'tagger'],
    ]);
    expect(issues[0]?.message).toBe(
      'unknown tagger "ssn"; registered taggers: email, url, phone, date, money, iban, percentage',
    );
  });

  it.each([
    ['an id that is not a slug', rule({ id: 'IBAN invoice' }), [0, 'id']],
    ['minHits 0', rule({ when: { tagger: 'iban', minHits: 0 } }), [0, 'when', 'minHits']],
    ['a fractional minHits', rule({ when: { tagger: 'iban', minHits: 1.5 } }), [0, 'when', 'minHits']],
    ['maxConfidenceBelow 0', rule({ ifModel: { maxConfidenceBelow: 0 } }), [0, 'ifModel', 'maxConfidenceBelow']],
    [
      'maxConfidenceBelow above 1',
      rule({ ifModel: { maxConfidenceBelow: 1.1 } }),
      [0, 'ifModel', 'maxConfidenceBelow'],
    ],
    ['an empty predictedIn', rule({ ifModel: { predictedIn: [] } }), [0, 'ifModel', 'predictedIn']],
    ['an empty ifModel', rule({ ifModel: {} }), [0, 'ifModel']],
    ['an unknown field', rule({ otherwise: { label: 'ham' } }), [0]],
    ['an unknown condition field', rule({ when: { tagger: 'iban', max: 3 } }), [0, 'when']],
    ['a missing label', rule({ then: {} }), [0, 'then', 'label']],
    ['an empty label', rule({ then: { label: '' } }), [0, 'then', 'label']],
  ])('rejects %s', (_case, bad, path) => {
    expect(issuesOf([bad]).map((issue) => issue.path)).toEqual([path]);
  });

  it('rejects duplicate ids and more than 50 rules', () => {
    expect(issuesOf([rule(), rule({ id: 'other' }), rule()])).toEqual([
      { path: [2, 'id'], message: 'duplicate rule id "iban-invoice"' },
    ]);
    const many = Array.from({ length: 51 }, (_, i) => rule({ id: `rule-${i}` }));
    expect(issuesOf(many).map((issue) => issue.path)).toEqual([[]]);
    expect(decisionRulesSchema.parse(many.slice(0, 50))).toHaveLength(50);
  });
});

import { TAGGERS, type Hit } from '@mlops/text';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyDecisionRules } from './apply-decision-rules.js';
import { decisionRulesSchema } from './decision-rules.schema.js';

const LABELS = ['ham', 'invoice', 'spam'];
const UNSURE = [0.5, 0.1, 0.4];
const SURE = [0.9, 0.05, 0.05];

const VALID_IBAN = 'Please pay to DE89 3704 0044 0532 0130 00 by Friday.';
const BAD_CHECKSUM = 'Please pay to DE89 3704 0044 0532 0130 01 by Friday.';
const TWO_IBANS = 'From DE89370400440532013000 to GB82 WEST 1234 5698 7654 32.';

const ibanUnsureInvoice = decisionRulesSchema.parse([
  {
    id: 'iban-unsure-invoice',
    when: { tagger: 'iban' },
    ifModel: { maxConfidenceBelow: 0.6 },
    then: { label: 'invoice' },
  },
]);

const decide = (rules: unknown, text: string, probabilities: ArrayLike<number>, taggerHits?: readonly Hit[]) =>
  applyDecisionRules(decisionRulesSchema.parse(rules), { text, labels: LABELS, probabilities, taggerHits });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('applyDecisionRules', () => {
  it('labels an unsure text with a valid IBAN as invoice, and leaves the probabilities unchanged', () => {
    const probabilities = Float32Array.from(UNSURE);
    const decision = applyDecisionRules(ibanUnsureInvoice, { text: VALID_IBAN, labels: LABELS, probabilities });
    expect(decision).toEqual({ label: 'invoice', labelIndex: 1, probabilities, rule: 'iban-unsure-invoice' });
    expect(decision.probabilities).toBe(probabilities);
  });

  it('ignores an IBAN with a wrong checksum and a confident model', () => {
    const expected = { label: 'ham', labelIndex: 0, rule: null };
    expect(
      applyDecisionRules(ibanUnsureInvoice, { text: BAD_CHECKSUM, labels: LABELS, probabilities: UNSURE }),
    ).toEqual({
      ...expected,
      probabilities: UNSURE,
    });
    expect(applyDecisionRules(ibanUnsureInvoice, { text: VALID_IBAN, labels: LABELS, probabilities: SURE })).toEqual({
      ...expected,
      probabilities: SURE,
    });
  });

  it('takes the highest probability, the first of equal ones, without rules', () => {
    expect(applyDecisionRules([], { text: VALID_IBAN, labels: LABELS, probabilities: [0.2, 0.4, 0.4] })).toEqual({
      label: 'invoice',
      labelIndex: 1,
      probabilities: [0.2, 0.4, 0.4],
      rule: null,
    });
  });

  it('needs minHits hits of the when tagger', () => {
    const rules = [{ id: 'two-ibans', when: { tagger: 'iban', minHits: 2 }, then: { label: 'invoice' } }];
    expect(decide(rules, VALID_IBAN, SURE).rule).toBeNull();
    expect(decide(rules, TWO_IBANS, SURE).rule).toBe('two-ibans');
  });

  it('does not fire when the unless tagger has its hits', () => {
    const rules = [
      {
        id: 'iban-no-link',
        when: { tagger: 'iban' },
        unless: { tagger: 'url', minHits: 2 },
        then: { label: 'invoice' },
      },
    ];
    expect(decide(rules, `${VALID_IBAN} See https://a.example/x`, SURE).rule).toBe('iban-no-link');
    expect(decide(rules, `${VALID_IBAN} See https://a.example/x and https://b.example/y`, SURE).rule).toBeNull();
  });

  it('compares the highest probability strictly with maxConfidenceBelow', () => {
    const rules = [
      { id: 'unsure', when: { tagger: 'iban' }, ifModel: { maxConfidenceBelow: 0.5 }, then: { label: 'invoice' } },
    ];
    expect(decide(rules, VALID_IBAN, [0.5, 0.3, 0.2]).rule).toBeNull();
    expect(decide(rules, VALID_IBAN, [0.49, 0.31, 0.2]).rule).toBe('unsure');
  });

  it("fires only when the model's prediction is in predictedIn", () => {
    const rules = [
      {
        id: 'spam-with-iban',
        when: { tagger: 'iban' },
        ifModel: { predictedIn: ['spam'] },
        then: { label: 'invoice' },
      },
    ];
    expect(decide(rules, VALID_IBAN, SURE).rule).toBeNull();
    expect(decide(rules, VALID_IBAN, [0.1, 0.1, 0.8])).toMatchObject({
      label: 'invoice',
      labelIndex: 1,
      rule: 'spam-with-iban',
    });
  });

  it('applies the first rule that matches', () => {
    const rules = [
      { id: 'email-ham', when: { tagger: 'email' }, then: { label: 'ham' } },
      { id: 'iban-invoice', when: { tagger: 'iban' }, then: { label: 'invoice' } },
      { id: 'iban-spam', when: { tagger: 'iban' }, then: { label: 'spam' } },
    ];
    expect(decide(rules, VALID_IBAN, SURE)).toMatchObject({ label: 'invoice', rule: 'iban-invoice' });
    expect(decide(rules, `${VALID_IBAN} Write to billing@example.com`, SURE)).toMatchObject({
      label: 'ham',
      rule: 'email-ham',
    });
    expect(decide(rules.slice(2).concat(rules.slice(0, 2)), VALID_IBAN, SURE)).toMatchObject({
      label: 'spam',
      rule: 'iban-spam',
    });
  });

  it('runs only the needed taggers, once, and none while no model condition holds', () => {
    const spies = TAGGERS.map((tagger) => vi.spyOn(tagger, 'tag'));
    const rules = [
      { id: 'a', when: { tagger: 'email' }, then: { label: 'ham' } },
      { id: 'b', when: { tagger: 'iban' }, unless: { tagger: 'email' }, then: { label: 'invoice' } },
    ];
    decide(rules, VALID_IBAN, SURE);
    expect(spies.map((spy) => spy.mock.calls.length)).toEqual([1, 0, 0, 0, 0, 1, 0]);

    for (const spy of spies) spy.mockClear();
    decide([{ ...rules[1], ifModel: { maxConfidenceBelow: 0.6 } }], VALID_IBAN, SURE);
    expect(spies.every((spy) => spy.mock.calls.length === 0)).toBe(true);
  });

  it('uses the hits it is given instead of running the taggers', () => {
    const spies = TAGGERS.map((tagger) => vi.spyOn(tagger, 'tag'));
    const given: Hit[] = [{ tagger: 'iban', start: 0, end: 4, text: 'none', value: 'DE89370400440532013000' }];
    expect(decide(ibanUnsureInvoice, 'none', UNSURE, given).rule).toBe('iban-unsure-invoice');
    expect(decide(ibanUnsureInvoice, VALID_IBAN, UNSURE, []).rule).toBeNull();
    expect(spies.every((spy) => spy.mock.calls.length === 0)).toBe(true);
  });

  it('refuses probabilities that do not match the labels, and a label the model does not have', () => {
    expect(() => applyDecisionRules([], { text: '', labels: LABELS, probabilities: [0.5, 0.5] })).toThrow(
      '2 probabilities for 3 labels',
    );
    expect(() => applyDecisionRules([], { text: '', labels: [], probabilities: [] })).toThrow(RangeError);
    const rules = [{ id: 'news', when: { tagger: 'iban' }, then: { label: 'news' } }];
    expect(() => decide(rules, VALID_IBAN, SURE)).toThrow(
      'rule "news" chooses label "news", not one of ham, invoice, spam',
    );
  });
});

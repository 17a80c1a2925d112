import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decisionRulesSchema } from './decision-rules.schema.js';
import { validateRulesAgainstLabels } from './validate-rules-against-labels.js';

const LABELS = ['ham', 'invoice', 'spam'];

const rules = (...thenLabels: string[]) =>
  decisionRulesSchema.parse(
    thenLabels.map((label, i) => ({ id: `rule-${i}`, when: { tagger: 'iban' }, then: { label } })),
  );

function errorOf(run: () => void): z.ZodError {
  try {
    run();
  } catch (error) {
    if (error instanceof z.ZodError) return error;
    throw error;
  }
  throw new Error('no error thrown');
}

describe('validateRulesAgainstLabels', () => {
  it("accepts rules that name only the model's labels", () => {
    expect(() => {
      validateRulesAgainstLabels(rules('invoice', 'spam'), LABELS);
    }).not.toThrow();
    expect(() => {
      validateRulesAgainstLabels([], []);
    }).not.toThrow();
  });

  it('rejects a then.label the model does not have, pointing at the rule', () => {
    const error = errorOf(() => {
      validateRulesAgainstLabels(rules('invoice', 'Invoice'), LABELS);
    });
    expect(error.issues).toEqual([
      {
        code: 'custom',
        path: [1, 'then', 'label'],
        input: 'Invoice',
        message: 'label "Invoice" is not one of the model\'s labels (ham, invoice, spam)',
      },
    ]);
  });

  it('rejects unknown labels in ifModel.predictedIn', () => {
    const [rule] = decisionRulesSchema.parse([
      { id: 'a', when: { tagger: 'iban' }, ifModel: { predictedIn: ['ham', 'news'] }, then: { label: 'invoice' } },
    ]);
    const error = errorOf(() => {
      validateRulesAgainstLabels(rule ? [rule] : [], LABELS);
    });
    expect(error.issues.map((issue) => issue.path)).toEqual([[0, 'ifModel', 'predictedIn', 1]]);
  });
});

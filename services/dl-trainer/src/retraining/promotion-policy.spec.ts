import { promotionPolicySchema, type HoldoutScore } from '@mlops/contracts';
import { describe, expect, it } from 'vitest';
import { applyPromotionPolicy } from './promotion-policy.js';

const score = (version: number, macroF1: number, perClassF1: Record<string, number>): HoldoutScore => ({
  version,
  macroF1,
  accuracy: macroF1,
  perClassF1,
  examples: 100,
});
const policy = (input: unknown) => promotionPolicySchema.parse(input);

describe('applyPromotionPolicy', () => {
  const production = score(1, 0.8, { a: 0.8, b: 0.8 });

  it('promotes the first version when there is no production', () => {
    expect(applyPromotionPolicy(policy({}), score(1, 0.5, { a: 0.5 }), undefined).promote).toBe(true);
    expect(applyPromotionPolicy(policy({ mode: 'manual' }), score(1, 0.5, { a: 0.5 }), undefined).promote).toBe(false);
  });

  it('promotes a version better by the margin with no class falling too far', () => {
    const verdict = applyPromotionPolicy(
      policy({ minImprovement: 0.02, maxClassDrop: 0.05 }),
      score(2, 0.85, { a: 0.9, b: 0.78 }),
      production,
    );
    expect(verdict).toMatchObject({ promote: true, worstClassDrop: { label: 'b' } });
    expect(verdict.macroF1Gain).toBeCloseTo(0.05);
  });

  it('keeps a version whose gain is below the margin', () => {
    const verdict = applyPromotionPolicy(
      policy({ minImprovement: 0.02 }),
      score(2, 0.81, { a: 0.81, b: 0.81 }),
      production,
    );
    expect(verdict.promote).toBe(false);
    expect(verdict.reason).toMatch(/below the required 2.00 pts/);
  });

  it('keeps a better version when one class falls more than allowed', () => {
    const verdict = applyPromotionPolicy(
      policy({ minImprovement: 0, maxClassDrop: 0.05 }),
      score(2, 0.9, { a: 1, b: 0.7 }),
      production,
    );
    expect(verdict).toMatchObject({ promote: false, worstClassDrop: { label: 'b' } });
    expect(verdict.reason).toMatch(/class b falls by 10.00 pts/);
  });

  it('counts a class the candidate never predicts as F1 0', () => {
    expect(
      applyPromotionPolicy(policy({ maxClassDrop: 1 }), score(2, 0.9, { a: 0.9 }), production).worstClassDrop,
    ).toEqual({
      label: 'b',
      drop: 0.8,
    });
  });

  it('never promotes under a manual policy', () => {
    expect(applyPromotionPolicy(policy({ mode: 'manual' }), score(2, 0.99, { a: 1, b: 1 }), production).promote).toBe(
      false,
    );
  });
});

describe('promotionPolicySchema', () => {
  const issues = (input: unknown) =>
    promotionPolicySchema.safeParse(input).error?.issues.map((issue) => issue.path.join('.')) ?? [];

  it('refuses contradictory thresholds, naming the field', () => {
    expect(issues({ minImprovement: -0.01 })).toEqual(['minImprovement']);
    expect(issues({ maxClassDrop: -0.1 })).toEqual(['maxClassDrop']);
    expect(issues({ maxClassDrop: 1.5 })).toEqual(['maxClassDrop']);
    expect(issues({ mode: 'manual', minImprovement: 0.01 })).toEqual(['minImprovement']);
  });

  it('applies the defaults', () => {
    expect(promotionPolicySchema.parse(undefined)).toEqual({ mode: 'automatic', onUnchangedData: 'skip' });
  });
});

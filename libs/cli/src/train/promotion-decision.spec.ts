import { describe, expect, it } from 'vitest';
import { decidePromotion } from './promotion-decision.js';
import { promotionPolicySchema } from './train-file.js';

const policy = promotionPolicySchema.parse({ minMacroF1: 0.8, maxRegression: 0.01 });

describe('decidePromotion', () => {
  it('promotes the first version that reaches the minimum', () => {
    expect(decidePromotion(policy, { version: 1, macroF1: 0.9 }, undefined)).toEqual({
      promote: true,
      reason: 'no version holds production yet',
    });
  });

  it('refuses below the minimum, and a regression beyond the tolerance', () => {
    expect(decidePromotion(policy, { version: 1, macroF1: 0.7 }, undefined).promote).toBe(false);
    const worse = decidePromotion(policy, { version: 3, macroF1: 0.85 }, { version: 2, macroF1: 0.9 });
    expect(worse.promote).toBe(false);
    expect(worse.reason).toContain("production v2's 0.9000");
  });

  it('accepts a change within the tolerance, and leaves a version that already holds the alias', () => {
    expect(decidePromotion(policy, { version: 3, macroF1: 0.895 }, { version: 2, macroF1: 0.9 }).promote).toBe(true);
    expect(decidePromotion(policy, { version: 2, macroF1: 0.9 }, { version: 2, macroF1: 0.9 }).promote).toBe(false);
    expect(decidePromotion(policy, { version: 2, macroF1: undefined }, undefined).promote).toBe(false);
  });
});

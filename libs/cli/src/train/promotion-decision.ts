import type { PromotionPolicy } from './train-file.js';

/** Whether to move the alias to the new version, and why, in one sentence. */
export interface PromotionDecision {
  readonly promote: boolean;
  readonly reason: string;
}

/**
 * Applies the policy: at least `minMacroF1`, and no worse than the version the alias holds by more
 * than `maxRegression` (test macro-F1 of each on its own held-out split).
 */
export function decidePromotion(
  policy: PromotionPolicy,
  candidate: { version: number; macroF1: number | undefined },
  current: { version: number; macroF1: number | undefined } | undefined,
): PromotionDecision {
  const f1 = candidate.macroF1;
  if (f1 === undefined) return { promote: false, reason: `v${candidate.version} has no test macro-F1` };
  if (f1 < policy.minMacroF1) {
    return { promote: false, reason: `test macro-F1 ${f1.toFixed(4)} is below minMacroF1 ${policy.minMacroF1}` };
  }
  if (current === undefined) return { promote: true, reason: `no version holds ${policy.alias} yet` };
  if (current.version === candidate.version)
    return { promote: false, reason: `v${candidate.version} already holds ${policy.alias}` };
  const before = current.macroF1 ?? 0;
  if (f1 < before - policy.maxRegression) {
    return {
      promote: false,
      reason: `test macro-F1 ${f1.toFixed(4)} is below ${policy.alias} v${current.version}'s ${before.toFixed(4)} by more than ${policy.maxRegression}`,
    };
  }
  return {
    promote: true,
    reason: `test macro-F1 ${f1.toFixed(4)} against ${policy.alias} v${current.version}'s ${before.toFixed(4)} (allowed regression ${policy.maxRegression})`,
  };
}

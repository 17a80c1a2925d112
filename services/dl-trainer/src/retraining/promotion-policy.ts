import { policyThresholds, type HoldoutScore, type PromotionPolicy } from '@mlops/contracts';

/** What the policy says about a new version, with the figures behind it. */
export interface PolicyVerdict {
  readonly promote: boolean;
  readonly reason: string;
  readonly macroF1Gain?: number;
  readonly worstClassDrop?: { label: string; drop: number };
}

const pct = (value: number): string => `${(value * 100).toFixed(2)} pts`;

/**
 * Applies a promotion policy to the candidate's and production's scores on the same reference
 * holdout. Without a production version the candidate is promoted (automatic mode); a manual
 * policy never promotes. The worst class drop is over the classes production has F1 for.
 */
export function applyPromotionPolicy(
  policy: PromotionPolicy,
  candidate: HoldoutScore,
  production: HoldoutScore | undefined,
): PolicyVerdict {
  if (!production) {
    return policy.mode === 'manual'
      ? { promote: false, reason: 'manual policy: no production version yet; promote the candidate by hand' }
      : { promote: true, reason: 'no production version: the first trained version becomes production' };
  }
  const macroF1Gain = candidate.macroF1 - production.macroF1;
  const worstClassDrop = Object.entries(production.perClassF1)
    .map(([label, f1]) => ({ label, drop: f1 - (candidate.perClassF1[label] ?? 0) }))
    .reduce<{ label: string; drop: number } | undefined>(
      (worst, entry) => (worst === undefined || entry.drop > worst.drop ? entry : worst),
      undefined,
    );
  const figures = { macroF1Gain, ...(worstClassDrop ? { worstClassDrop } : {}) };
  const gain = `macro-F1 ${pct(candidate.macroF1)} vs ${pct(production.macroF1)} (${macroF1Gain >= 0 ? '+' : ''}${pct(macroF1Gain)})`;
  if (policy.mode === 'manual') {
    return { promote: false, ...figures, reason: `manual policy: ${gain}; awaiting a person's decision` };
  }
  const { minImprovement, maxClassDrop } = policyThresholds(policy);
  if (macroF1Gain < minImprovement) {
    return {
      promote: false,
      ...figures,
      reason: `${gain}: gain below the required ${pct(minImprovement)}`,
    };
  }
  if (worstClassDrop && worstClassDrop.drop > maxClassDrop) {
    return {
      promote: false,
      ...figures,
      reason: `${gain}, but F1 of class ${worstClassDrop.label} falls by ${pct(worstClassDrop.drop)} (more than ${pct(maxClassDrop)})`,
    };
  }
  return {
    promote: true,
    ...figures,
    reason: `${gain}: at least ${pct(minImprovement)} better and no class falls by more than ${pct(maxClassDrop)}`,
  };
}

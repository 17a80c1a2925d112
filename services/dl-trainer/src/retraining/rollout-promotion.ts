import type { PromotionDecision, PromotionPolicy, RolloutSpec, RolloutState } from '@mlops/contracts';
import type { PolicyVerdict } from './promotion-policy.js';

/** What a tick does with the policy's verdict: move an alias itself, or start a rollout in inference. */
export type PromotionStep =
  | { readonly kind: 'move'; readonly alias: 'production' | 'candidate' }
  | { readonly kind: 'rollout'; readonly spec: RolloutSpec };

/** How a rollout start ended: inference's rollout state, or why it refused (production untouched). */
export type RolloutAttempt = { readonly state: RolloutState } | { readonly refused: string };

/**
 * The step a verdict leads to: a version kept as candidate moves `candidate`; a promotion moves
 * `production` unless the policy declares a rollout and there is a production version to compare
 * the candidate with (a model's first version has nothing to roll out against).
 */
export function promotionStep(
  policy: PromotionPolicy,
  verdict: PolicyVerdict,
  production: number | null,
): PromotionStep {
  if (!verdict.promote) return { kind: 'move', alias: 'candidate' };
  if (policy.rollout === undefined || production === null) return { kind: 'move', alias: 'production' };
  return { kind: 'rollout', spec: policy.rollout };
}

/**
 * The decision a rollout attempt records: `rollout-started` with the rollout's id and first stage
 * (the alias inference moved), or `kept-candidate` with inference's refusal added to the verdict.
 */
export function rolloutDecision(
  attempt: RolloutAttempt,
  verdictReason: string,
): Pick<PromotionDecision, 'action' | 'alias' | 'reason' | 'rollout'> {
  if ('refused' in attempt)
    return {
      action: 'kept-candidate',
      alias: 'candidate',
      reason: `${verdictReason}; the policy's rollout could not start: ${attempt.refused}`,
    };
  const { id, stage, status, spec } = attempt.state;
  const plan = [...spec.stages.map((s) => (s.stage === 'canary' ? `canary ${s.share * 100}%` : s.stage)), 'production'];
  return {
    action: 'rollout-started',
    alias: stage,
    reason: `${verdictReason}; rollout ${id} started (${plan.join(' → ')}), now ${stage} (${status})`,
    rollout: { id, stage, status },
  };
}

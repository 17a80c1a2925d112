import { promotionPolicySchema, rolloutStateSchema, type RolloutState } from '@mlops/contracts';
import { describe, expect, it } from 'vitest';
import type { PolicyVerdict } from './promotion-policy.js';
import { promotionStep, rolloutDecision } from './rollout-promotion.js';

const promote: PolicyVerdict = { promote: true, reason: 'better' };
const keep: PolicyVerdict = { promote: false, reason: 'worse' };
const withRollout = promotionPolicySchema.parse({
  rollout: { stages: [{ stage: 'canary', share: 0.2, minRequests: 50 }] },
});

const state = (changes: Partial<RolloutState> = {}): RolloutState => {
  const at = '2026-12-05T18:00:00.000Z';
  const figures = {
    requests: 0,
    errors: 0,
    latencyP99Ms: null,
    productionLatencyP99Ms: null,
    agreement: { compared: 0, agreed: 0 },
    feedback: { withFeedback: 0, accuracy: null, productionAccuracy: null },
    drift: { status: 'unknown', replicas: 0 },
  };
  return rolloutStateSchema.parse({
    id: '0b6f8a56-2a37-4a5e-9d4e-4c1c5e7f3a10',
    model: 'm',
    version: 2,
    productionVersion: 1,
    status: 'running',
    stage: 'canary',
    stageIndex: 0,
    stageStartedAt: at,
    spec: withRollout.rollout,
    figures,
    guardrails: [],
    history: [],
    startedBy: 'dl-trainer',
    startedAt: at,
    updatedAt: at,
    ...changes,
  });
};

describe('promotionStep', () => {
  it('moves production at once without a rollout, and candidate when the verdict keeps the version', () => {
    expect(promotionStep(promotionPolicySchema.parse({}), promote, 1)).toEqual({ kind: 'move', alias: 'production' });
    expect(promotionStep(withRollout, keep, 1)).toEqual({ kind: 'move', alias: 'candidate' });
  });

  it("starts the policy's rollout for a promotion when there is a production version", () => {
    expect(promotionStep(withRollout, promote, 1)).toEqual({ kind: 'rollout', spec: withRollout.rollout });
  });

  it('moves production for the first version: there is nothing to roll out against', () => {
    expect(promotionStep(withRollout, promote, null)).toEqual({ kind: 'move', alias: 'production' });
  });
});

describe('rolloutDecision', () => {
  it('records a started rollout with its id, its first stage as the alias and the plan', () => {
    const decision = rolloutDecision({ state: state() }, 'better');
    expect(decision).toMatchObject({
      action: 'rollout-started',
      alias: 'canary',
      rollout: { id: '0b6f8a56-2a37-4a5e-9d4e-4c1c5e7f3a10', stage: 'canary', status: 'running' },
    });
    expect(decision.reason).toContain(
      'better; rollout 0b6f8a56-2a37-4a5e-9d4e-4c1c5e7f3a10 started (canary 20% → production)',
    );
  });

  it('keeps the version as candidate with the refusal when inference does not start it', () => {
    expect(rolloutDecision({ refused: 'inference: 409 INFERENCE_ROLLOUT_CONFLICT: one runs' }, 'better')).toEqual({
      action: 'kept-candidate',
      alias: 'candidate',
      reason: "better; the policy's rollout could not start: inference: 409 INFERENCE_ROLLOUT_CONFLICT: one runs",
    });
  });
});

describe('promotionPolicySchema rollout', () => {
  it('refuses a rollout on a manual policy, naming the field', () => {
    const result = promotionPolicySchema.safeParse({ mode: 'manual', rollout: {} });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['rollout']]);
  });

  it('refuses an invalid rollout spec at its field, and a version (the tick gives it)', () => {
    const result = promotionPolicySchema.safeParse({
      rollout: {
        stages: [
          { stage: 'canary', share: 0.1, minRequests: 10 },
          { stage: 'shadow', minRequests: 10 },
        ],
      },
    });
    expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(['rollout', 'stages', 1, 'stage']);
    expect(promotionPolicySchema.safeParse({ rollout: { version: 3 } }).success).toBe(false);
  });
});

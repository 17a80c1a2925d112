import { rolloutStartBodySchema, type RolloutFigures } from '@mlops/contracts';
import { describe, expect, it } from 'vitest';
import { decide, evaluateGuardrails } from './guardrails.js';
import { emptyFigures } from './rollout-figures.js';

const guardrails = rolloutStartBodySchema.parse({
  version: 2,
  guardrails: {
    maxErrorRate: 0.05,
    p99LatencyMs: { max: 200, maxRatioToProduction: 2 },
    liveAccuracy: { minFeedback: 10, min: 0.6, maxDropFromProduction: 0.1 },
    agreement: { min: 0.8 },
  },
}).guardrails;

function figures(change: Partial<RolloutFigures>): RolloutFigures {
  return {
    ...emptyFigures(),
    requests: 100,
    latencyP99Ms: 50,
    productionLatencyP99Ms: 40,
    agreement: { compared: 100, agreed: 95 },
    feedback: { withFeedback: 20, accuracy: 0.9, productionAccuracy: 0.92 },
    drift: { status: 'ok', replicas: 2 },
    ...change,
  };
}

const statusOf = (checks: ReturnType<typeof evaluateGuardrails>, name: string) =>
  checks.find((check) => check.name === name)?.status;

describe('rollout guardrails', () => {
  it('passes a healthy candidate once the stage has its minimum, and advances', () => {
    const checks = evaluateGuardrails(guardrails, figures({}), 100);
    expect(checks.map((check) => check.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    expect(decide(checks, figures({}), 100)).toBe('advance');
  });

  it('waits below the minimum of requests, even when the figures look bad', () => {
    const low = figures({ requests: 10, agreement: { compared: 10, agreed: 1 } });
    const checks = evaluateGuardrails(guardrails, low, 100);
    expect(checks.every((check) => check.status === 'pending')).toBe(true);
    expect(decide(checks, low, 100)).toBe('wait');
  });

  it.each([
    ['errorRate', { errors: 6 }],
    ['p99Latency', { latencyP99Ms: 250 }],
    ['p99Latency', { latencyP99Ms: 90, productionLatencyP99Ms: 40 }],
    ['drift', { drift: { status: 'drift', replicas: 1 } }],
    ['liveAccuracy', { feedback: { withFeedback: 20, accuracy: 0.5, productionAccuracy: 0.55 } }],
    ['liveAccuracy', { feedback: { withFeedback: 20, accuracy: 0.7, productionAccuracy: 0.9 } }],
    ['agreement', { agreement: { compared: 100, agreed: 70 } }],
  ] as const)('rolls back when %s fails', (name, change) => {
    const bad = figures(change);
    const checks = evaluateGuardrails(guardrails, bad, 100);
    expect(statusOf(checks, name)).toBe('fail');
    expect(checks.filter((check) => check.status === 'fail')).toHaveLength(1);
    expect(decide(checks, bad, 100)).toBe('rollback');
  });

  it('skips, without blocking, what lacks data at the end of the stage: feedback, drift verdict, production p99', () => {
    const sparse = figures({
      feedback: { withFeedback: 3, accuracy: 0.1, productionAccuracy: null },
      drift: { status: 'insufficient-data', replicas: 0 },
      productionLatencyP99Ms: null,
    });
    const checks = evaluateGuardrails(guardrails, sparse, 100);
    expect(statusOf(checks, 'liveAccuracy')).toBe('skipped');
    expect(statusOf(checks, 'drift')).toBe('skipped');
    expect(statusOf(checks, 'p99Latency')).toBe('pass');
    expect(decide(checks, sparse, 100)).toBe('advance');
  });

  it('fails on a drift warning only when told to', () => {
    const strict = { ...guardrails, drift: { failOn: 'warning' as const } };
    const warned = figures({ drift: { status: 'warning', replicas: 1 } });
    expect(statusOf(evaluateGuardrails(guardrails, warned, 100), 'drift')).toBe('pass');
    expect(statusOf(evaluateGuardrails(strict, warned, 100), 'drift')).toBe('fail');
  });
});

import { describe, expect, it } from 'vitest';
import type { PredictionEvent } from '../serving/prediction-events.js';
import { histogramQuantile, latencyBucket } from './latency-histogram.js';
import { RolloutRecorder, type ActiveRollout } from './rollout-recorder.js';

const shadowStage: ActiveRollout = {
  id: 'r1',
  model: 'topics',
  version: 3,
  productionVersion: 1,
  stageIndex: 0,
  stage: 'shadow',
  share: undefined,
};

function event(version: number, role: PredictionEvent['role'], latencyMs: number): PredictionEvent {
  return {
    model: 'topics',
    version,
    role,
    ids: ['a'],
    labels: ['x', 'y'],
    texts: ['t'],
    predictions: [],
    latencyMs,
    requestId: 'req',
  };
}

const asObject = (buckets: Map<number, number>) =>
  Object.fromEntries([...buckets].map(([bucket, count]) => [`l${bucket}`, count]));

describe('rollout latency histogram', () => {
  it('gives a p99 within one bucket (20%) of the exact one', () => {
    const latencies = Array.from({ length: 1000 }, (_, index) => 1 + index / 10);
    const buckets = new Map<number, number>();
    for (const latency of latencies)
      buckets.set(latencyBucket(latency), (buckets.get(latencyBucket(latency)) ?? 0) + 1);
    const exact = latencies[Math.ceil(0.99 * latencies.length) - 1] ?? 0;
    const p99 = histogramQuantile(asObject(buckets), 0.99) ?? 0;
    expect(p99).toBeGreaterThanOrEqual(exact);
    expect(p99).toBeLessThanOrEqual(exact * 1.2);
    expect(histogramQuantile({}, 0.99)).toBeNull();
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(10 ** 9)).toBe(79);
  });
});

describe('rollout recorder (one replica)', () => {
  it("counts the candidate's traffic of the stage and production's latency, nothing else", () => {
    const recorder = new RolloutRecorder();
    recorder.setActive([shadowStage]);
    recorder.observe(event(3, 'shadow', 5));
    recorder.observe(event(3, 'shadow', 6));
    recorder.observe(event(3, 'canary', 6));
    recorder.observe(event(1, 'production', 2));
    recorder.observe(event(2, 'version', 2));
    recorder.agreement('topics', { version: 3, role: 'shadow' }, 4, 5);
    recorder.agreement('topics', { version: 3, role: 'canary' }, 1, 1);
    recorder.copyFailed('topics', 3);
    recorder.modelError({ name: 'topics', version: 3 }, 'canary');
    const delta = recorder.drain().get('r1:0');
    expect(delta).toMatchObject({ requests: 3, errors: 1, compared: 5, agreed: 4 });
    expect([...(delta?.candidateLatency.values() ?? [])].reduce((a, b) => a + b, 0)).toBe(2);
    expect([...(delta?.productionLatency.values() ?? [])].reduce((a, b) => a + b, 0)).toBe(1);
    expect(recorder.drain().size).toBe(0);
  });

  it('gives the canary share of a model in its canary stage, and counts canary failures there', () => {
    const recorder = new RolloutRecorder();
    recorder.setActive([{ ...shadowStage, stageIndex: 1, stage: 'canary', share: 0.25 }]);
    expect(recorder.shareFor('topics')).toBe(0.25);
    expect(recorder.shareFor('other')).toBeUndefined();
    recorder.modelError({ name: 'topics', version: 3 }, 'canary');
    recorder.copyFailed('topics', 3);
    expect(recorder.drain().get('r1:1')).toMatchObject({ requests: 1, errors: 1 });
  });

  it('gives counts back after a failed write, added to what came since', () => {
    const recorder = new RolloutRecorder();
    recorder.setActive([shadowStage]);
    recorder.observe(event(3, 'shadow', 5));
    const failed = recorder.drain();
    recorder.observe(event(3, 'shadow', 5));
    recorder.restore(failed);
    const delta = recorder.drain().get('r1:0');
    expect(delta?.requests).toBe(2);
    expect([...(delta?.candidateLatency.values() ?? [])]).toEqual([2]);
  });
});

import { describe, expect, it } from 'vitest';
import type { PredictionEvent } from '../serving/prediction-events.js';
import { createPredictionSampler } from './prediction-sampler.js';

function event(id: string, role: PredictionEvent['role'] = 'production'): PredictionEvent {
  return {
    model: 'topics',
    version: 1,
    role,
    ids: [id, `${id}-second`],
    labels: ['a'],
    texts: ['x', 'y'],
    predictions: [],
    latencyMs: 1,
    requestId: 'req-1',
  };
}

describe('createPredictionSampler', () => {
  it('logs every request at 1 and none at 0', () => {
    expect(createPredictionSampler(1)(event('p'))).toBe(true);
    expect(createPredictionSampler(0)(event('p'))).toBe(false);
  });

  it('decides the same for a request and its shadow copy, and keeps about the rate', () => {
    const sample = createPredictionSampler(0.25);
    let kept = 0;
    for (let i = 0; i < 4000; i++) {
      const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
      const decision = sample(event(id));
      expect(sample(event(id, 'shadow'))).toBe(decision);
      if (decision) kept += 1;
    }
    expect(kept / 4000).toBeGreaterThan(0.22);
    expect(kept / 4000).toBeLessThan(0.28);
  });

  it('refuses a rate outside [0, 1]', () => {
    expect(() => createPredictionSampler(1.5)).toThrow(/between 0 and 1/);
    expect(() => createPredictionSampler(Number.NaN)).toThrow(/between 0 and 1/);
  });
});

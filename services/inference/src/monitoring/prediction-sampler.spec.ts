import { describe, expect, it } from 'vitest';
import type { PredictionEvent } from '../serving/prediction-events.js';
import { createPredictionSampler } from './prediction-sampler.js';

function event(id: string, role: PredictionEvent['role'] = 'production', model = 'topics'): PredictionEvent {
  return {
    model,
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
    expect(createPredictionSampler({ rate: 1, maxTextsPerSecond: 0 })(event('p'))).toBe(true);
    expect(createPredictionSampler({ rate: 0, maxTextsPerSecond: 0 })(event('p'))).toBe(false);
  });

  it('decides the same for a request and its shadow copy, and keeps about the rate', () => {
    const sample = createPredictionSampler({ rate: 0.25, maxTextsPerSecond: 0 });
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
    expect(() => createPredictionSampler({ rate: 1.5, maxTextsPerSecond: 0 })).toThrow(/between 0 and 1/);
    expect(() => createPredictionSampler({ rate: Number.NaN, maxTextsPerSecond: 0 })).toThrow(/between 0 and 1/);
    expect(() => createPredictionSampler({ rate: 1, maxTextsPerSecond: -1 })).toThrow(/≥ 0/);
  });

  describe('with a cap on texts per second', () => {
    const id = (i: number): string => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

    it('admits one second of texts, then about the cap per second, per model', () => {
      let clock = 0;
      const capped: number[] = [];
      const sample = createPredictionSampler({
        rate: 1,
        maxTextsPerSecond: 10,
        now: () => clock,
        onCapped: (_model, texts) => capped.push(texts),
      });
      // Two texts per request: a full bucket of 10 admits five requests, the sixth is capped.
      const burst = Array.from({ length: 6 }, (_, i) => sample(event(id(i))));
      expect(burst).toEqual([true, true, true, true, true, false]);
      expect(capped).toEqual([2]);
      expect(sample(event(id(100), 'production', 'other'))).toBe(true);
      let admitted = 0;
      for (let i = 0; i < 1000; i++) {
        clock += 10;
        if (sample(event(id(200 + i)))) admitted += 1;
      }
      // 10 s at 10 texts/s, 2 texts per request: about 50 requests.
      expect(admitted).toBeGreaterThanOrEqual(49);
      expect(admitted).toBeLessThanOrEqual(51);
    });

    it('logs a shadow copy exactly when its request was logged (by its very ids array)', () => {
      let clock = 0;
      const sample = createPredictionSampler({ rate: 1, maxTextsPerSecond: 4, now: () => clock });
      const answered = Array.from({ length: 4 }, (_, i) => event(id(i)));
      expect(answered.map(sample)).toEqual([true, true, false, false]);
      for (let i = 0; i < 10_000; i++) sample(event(id(100 + i), 'production', `model-${i % 7}`));
      clock += 60_000;
      answered.forEach((request, i) => expect(sample({ ...request, role: 'shadow', version: 2 })).toBe(i < 2));
      expect(sample(event(id(0), 'shadow'))).toBe(false);
    });

    it('does not let a clock going back drain the bucket', () => {
      let clock = 10_000;
      const sample = createPredictionSampler({ rate: 1, maxTextsPerSecond: 4, now: () => clock });
      expect(sample(event(id(1)))).toBe(true);
      clock = 0;
      expect(sample(event(id(2)))).toBe(true);
    });

    it('keeps the rate under the cap', () => {
      const sample = createPredictionSampler({ rate: 0.25, maxTextsPerSecond: 1_000_000 });
      let kept = 0;
      for (let i = 0; i < 4000; i++) if (sample(event(id(i)))) kept += 1;
      expect(kept / 4000).toBeGreaterThan(0.22);
      expect(kept / 4000).toBeLessThan(0.28);
    });
  });
});

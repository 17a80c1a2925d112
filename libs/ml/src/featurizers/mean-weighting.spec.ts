import { describe, expect, it } from 'vitest';
import { FeaturizerStateError } from './featurizer-state.js';
import { createMeanWeighting, meanWeightingFromJSON } from './mean-weighting.js';

describe('createMeanWeighting', () => {
  it('divides counts by their total so the values sum to 1', () => {
    const weighted = createMeanWeighting().weigh({ ids: Int32Array.of(2, 5, 9), values: Float32Array.of(1, 2, 1) });
    expect([...weighted.ids]).toEqual([2, 5, 9]);
    expect([...weighted.values]).toEqual([0.25, 0.5, 0.25]);
  });

  it('weighs the first runs of two arrays alike', () => {
    const weighted = createMeanWeighting().weighRuns(Int32Array.of(2, 5, 9, 11), Float64Array.of(1, 2, 1, 7), 3);
    expect([...weighted.ids]).toEqual([2, 5, 9]);
    expect([...weighted.values]).toEqual([0.25, 0.5, 0.25]);
  });

  it('gives an empty vector for empty counts', () => {
    const weighted = createMeanWeighting().weigh({ ids: new Int32Array(0), values: new Float32Array(0) });
    expect(weighted.ids.length).toBe(0);
  });
});

describe('meanWeightingFromJSON', () => {
  it('round-trips and rejects other states', () => {
    expect(meanWeightingFromJSON(JSON.parse(JSON.stringify(createMeanWeighting()))).kind).toBe('mean');
    expect(() => meanWeightingFromJSON({ kind: 'mean', version: 2 })).toThrow(FeaturizerStateError);
  });
});

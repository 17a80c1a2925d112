import { describe, expect, it } from 'vitest';
import type { SparseVector } from '../core/sparse-vector.js';
import { FeaturizerStateError } from './featurizer-state.js';
import { fitTfIdf, tfIdfFromJSON } from './tfidf-weighting.js';

const vector = (entries: [number, number][]): SparseVector => ({
  ids: Int32Array.from(entries.map(([id]) => id)),
  values: Float32Array.from(entries.map(([, value]) => value)),
});

/** The count matrix of scikit-learn's user guide, "Tf–idf term weighting". */
const userGuideCounts = [
  [3, 0, 1],
  [2, 0, 0],
  [3, 0, 0],
  [4, 0, 0],
  [3, 2, 0],
  [3, 0, 2],
].map((row) => vector(row.flatMap((count, id): [number, number][] => (count > 0 ? [[id, count]] : []))));

const countsOf = (row: number): SparseVector => userGuideCounts[row] ?? vector([]);

const dense = ({ ids, values }: SparseVector, dimension: number): number[] => {
  const row = new Array<number>(dimension).fill(0);
  ids.forEach((id, index) => (row[id] = values[index] ?? 0));
  return row;
};

describe('fitTfIdf', () => {
  it("reproduces scikit-learn's TfidfTransformer on its user guide example (smooth_idf=False)", () => {
    const tfidf = fitTfIdf(userGuideCounts, 3, { sublinearTf: false, smoothIdf: false });
    const expected = [
      [0.81940995, 0, 0.57320793],
      [1, 0, 0],
      [0.47330339, 0.88089948, 0],
      [0.58149261, 0, 0.81355169],
    ];
    [0, 1, 4, 5].forEach((row, index) => {
      dense(tfidf.weigh(countsOf(row)), 3).forEach((value, column) =>
        expect(value).toBeCloseTo(expected[index]?.[column] ?? NaN, 6),
      );
    });
  });

  it("reproduces scikit-learn's TfidfTransformer with smooth_idf=True", () => {
    const tfidf = fitTfIdf(userGuideCounts, 3, { sublinearTf: false });
    const expected = [
      [0.85151335, 0, 0.52433293],
      [0.55422893, 0.83236428, 0],
      [0.63035731, 0, 0.77630514],
    ];
    [0, 4, 5].forEach((row, index) => {
      dense(tfidf.weigh(countsOf(row)), 3).forEach((value, column) =>
        expect(value).toBeCloseTo(expected[index]?.[column] ?? NaN, 6),
      );
    });
  });

  it('uses 1 + ln(tf) when sublinear, and leaves the norm alone when asked', () => {
    const tfidf = fitTfIdf(userGuideCounts, 3, { sublinearTf: true, smoothIdf: true, norm: 'none' });
    const idf2 = Math.log(7 / 3) + 1;
    expect(tfidf.idf(0)).toBeCloseTo(1, 6);
    expect(tfidf.idf(2)).toBeCloseTo(idf2, 6);
    expect(
      dense(
        tfidf.weigh(
          vector([
            [0, 3],
            [2, 1],
          ]),
        ),
        3,
      ),
    ).toEqual([Math.fround(1 + Math.log(3)), 0, Math.fround(idf2)]);
  });

  it('gives a feature unseen in training idf ln(1 + n) + 1 when smoothed, and drops it otherwise', () => {
    const smooth = fitTfIdf(userGuideCounts, 4, { norm: 'none' });
    expect(smooth.idf(3)).toBeCloseTo(Math.log(7) + 1, 6);
    const plain = fitTfIdf(userGuideCounts, 4, { smoothIdf: false });
    expect(plain.idf(3)).toBe(0);
    const weighted = plain.weigh(
      vector([
        [0, 1],
        [3, 5],
      ]),
    );
    expect([...weighted.ids]).toEqual([0]);
    expect([...weighted.values]).toEqual([1]);
  });

  it('gives an empty vector for empty counts and refuses ids outside the dimension', () => {
    const tfidf = fitTfIdf(userGuideCounts, 3);
    expect(tfidf.weigh(vector([])).ids.length).toBe(0);
    expect(() => tfidf.weigh(vector([[3, 1]]))).toThrow(RangeError);
    expect(() => fitTfIdf([vector([[5, 1]])], 3)).toThrow(RangeError);
  });
});

describe('tfIdfFromJSON', () => {
  it('stores document frequencies and rebuilds identical weights', () => {
    const tfidf = fitTfIdf(userGuideCounts, 5);
    const state = tfidf.toJSON();
    expect(state).toMatchObject({
      kind: 'tfidf',
      version: 1,
      documentCount: 6,
      ids: [0, 1, 2],
      documentFrequencies: [6, 1, 2],
    });
    const restored = tfIdfFromJSON(JSON.parse(JSON.stringify(state)));
    expect(
      restored.weigh(
        vector([
          [0, 2],
          [2, 1],
          [4, 3],
        ]),
      ),
    ).toEqual(
      tfidf.weigh(
        vector([
          [0, 2],
          [2, 1],
          [4, 3],
        ]),
      ),
    );
  });

  it('weighs runs of ids and counts as the TF-IDF formula does for any count, from one array prefix', () => {
    const dimension = 400;
    const tfidf = fitTfIdf(
      [
        vector([[1, 1]]),
        vector([
          [1, 1],
          [7, 2],
        ]),
        vector([[399, 1]]),
      ],
      dimension,
    );
    const ids = Int32Array.from({ length: 10 }, (_, index) => index * 40 + 1);
    const counts = Float64Array.of(1, 2, 3, 255, 256, 300, 1000, 0.5, 7, 99);
    const weighted = tfidf.weighRuns(ids, counts, 9);
    const weights = [...counts.subarray(0, 9)].map(
      (count, index) => (1 + Math.log(count)) * tfidf.idf(ids[index] ?? 0),
    );
    const norm = Math.sqrt(weights.reduce((sum, weight) => sum + weight * weight, 0));
    expect([...weighted.ids]).toEqual([...ids.subarray(0, 9)]);
    expect([...weighted.values]).toEqual([...Float32Array.from(weights, (weight) => weight / norm)]);
    expect(weighted).toEqual(tfidf.weigh({ ids: ids.slice(0, 9), values: Float32Array.from(counts.subarray(0, 9)) }));
    expect(() => tfidf.weighRuns(Int32Array.of(400), Float64Array.of(1), 1)).toThrow(RangeError);
  });

  it('rejects inconsistent states', () => {
    const state = fitTfIdf(userGuideCounts, 5).toJSON();
    expect(() => tfIdfFromJSON({ ...state, ids: [0, 1] })).toThrow(/differ in length/);
    expect(() => tfIdfFromJSON({ ...state, ids: [0, 2, 1] })).toThrow(/ascending/);
    expect(() => tfIdfFromJSON({ ...state, ids: [0, 1, 5] })).toThrow(/outside/);
    expect(() => tfIdfFromJSON({ ...state, documentCount: 1 })).toThrow(/documentCount/);
    expect(() => tfIdfFromJSON({ ...state, norm: 'l1' })).toThrow(FeaturizerStateError);
    expect(() => tfIdfFromJSON({ ...state, ids: [0, -1, 2] })).toThrow(
      /expected an array of integers of at least 0\n {2}→ at ids/,
    );
    expect(() => tfIdfFromJSON({ ...state, documentFrequencies: [1, 0.5, 1] })).toThrow(
      /expected an array of integers of at least 1\n {2}→ at documentFrequencies/,
    );
    expect(() => tfIdfFromJSON({ ...state, ids: 'nope' })).toThrow(FeaturizerStateError);
  });
});

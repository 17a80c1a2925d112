import { z } from 'zod';
import type { SparseVector } from '../core/sparse-vector.js';
import { integerArraySchema, parseFeaturizerState, requireConsistentState } from './featurizer-state.js';
import { allocateSparseVector } from './vector-slab.js';

/** How term counts become TF-IDF weights. */
export const tfIdfOptionsSchema = z.strictObject({
  sublinearTf: z.boolean().default(true).describe('use 1 + ln(count) instead of the raw count (default true)'),
  smoothIdf: z
    .boolean()
    .default(true)
    .describe('idf = ln((1 + n) / (1 + df)) + 1 as scikit-learn smooth_idf; false: ln(n / df) + 1 (default true)'),
  norm: z.enum(['l2', 'none']).default('l2').describe('scale each vector to unit Euclidean length (default l2)'),
});
/** TF-IDF options as written, defaults optional. */
export type TfIdfOptionsInput = z.input<typeof tfIdfOptionsSchema>;

/** The stored state of a TF-IDF weighting: the options and the document frequencies seen in training. */
export const tfIdfStateSchema = z.strictObject({
  kind: z.literal('tfidf'),
  version: z.literal(1),
  ...tfIdfOptionsSchema.shape,
  dimension: z.number().int().min(0).describe('feature ids are in [0, dimension)'),
  documentCount: z.number().int().min(0).describe('training texts the frequencies were counted on'),
  ids: integerArraySchema(0).describe('ascending ids of the features seen in training'),
  documentFrequencies: integerArraySchema(1).describe('for each of `ids`, the number of training texts containing it'),
});
/** The stored state of a TF-IDF weighting. */
export type TfIdfState = z.output<typeof tfIdfStateSchema>;

/**
 * TF-IDF weighting (scikit-learn's TfidfTransformer): weight = tf × idf, tf the count or
 * 1 + ln(count), idf from the training document frequencies, then optional L2 normalisation.
 * A feature never seen in training has df = 0: with smoothing its idf is ln(1 + n) + 1, without it
 * the feature is dropped (weight 0, as it would have no column in scikit-learn).
 */
export interface TfIdfWeighting {
  readonly kind: 'tfidf';
  readonly dimension: number;
  /** The idf of a feature id. */
  idf(id: number): number;
  /** The idf of every id in `[0, dimension)`: the weighting's own array, to copy and not to change. */
  readonly idfs: Float32Array;
  readonly sublinearTf: boolean;
  readonly norm: 'l2' | 'none';
  /** Weights a text's feature counts (ids ascending and below `dimension`); drops zero weights. */
  weigh(counts: SparseVector): SparseVector;
  /** `weigh` of the first `length` ids and counts of two arrays (a `FeatureIdCollector`'s runs). */
  weighRuns(ids: Int32Array, counts: Float64Array, length: number): SparseVector;
  /** The state to store, plain JSON. */
  toJSON(): TfIdfState;
}

/** In how many texts each feature id occurs, over the whole id space. */
export interface DocumentFrequencies {
  readonly documentCount: number;
  /** By feature id; its length is the dimension. */
  readonly frequencies: Int32Array;
}

/** Fits the document frequencies on the training texts' feature counts (ids unique per vector). */
export function fitTfIdf(
  countVectors: Iterable<SparseVector>,
  dimension: number,
  options: TfIdfOptionsInput = {},
): TfIdfWeighting {
  const frequencies = new Int32Array(dimension);
  let documentCount = 0;
  for (const { ids } of countVectors) {
    documentCount++;
    for (const id of ids) {
      if (id >= dimension) throw new RangeError(`feature id ${id} is outside [0, ${dimension})`);
      frequencies[id] = (frequencies[id] ?? 0) + 1;
    }
  }
  return tfIdfFromDocumentFrequencies({ documentCount, frequencies }, options);
}

/** A TF-IDF weighting from document frequencies counted elsewhere. */
export function tfIdfFromDocumentFrequencies(
  { documentCount, frequencies }: DocumentFrequencies,
  options: TfIdfOptionsInput = {},
): TfIdfWeighting {
  const ids: number[] = [];
  const documentFrequencies: number[] = [];
  frequencies.forEach((frequency, id) => {
    if (frequency > 0) {
      ids.push(id);
      documentFrequencies.push(frequency);
    }
  });
  return restoreTfIdf({
    kind: 'tfidf',
    version: 1,
    ...tfIdfOptionsSchema.parse(options),
    dimension: frequencies.length,
    documentCount,
    ids,
    documentFrequencies,
  });
}

/** Rebuilds a TF-IDF weighting from its stored state; throws `FeaturizerStateError` when it is invalid. */
export function tfIdfFromJSON(json: unknown): TfIdfWeighting {
  return restoreTfIdf(parseFeaturizerState(tfIdfStateSchema, json, 'TF-IDF'));
}

/** Rebuilds a TF-IDF weighting from a validated state. */
export function restoreTfIdf(state: TfIdfState): TfIdfWeighting {
  const { dimension, documentCount, ids, documentFrequencies, sublinearTf, smoothIdf, norm } = state;
  requireConsistentState(
    ids.length === documentFrequencies.length,
    'TF-IDF',
    'ids and documentFrequencies differ in length',
  );
  const idfs = new Float32Array(dimension).fill(smoothIdf ? inverseDocumentFrequency(0, documentCount, true) : 0);
  for (let index = 0; index < ids.length; index++) {
    const id = ids[index] ?? 0;
    const frequency = documentFrequencies[index] ?? 0;
    if (id >= dimension || (index > 0 && id <= (ids[index - 1] ?? -1)) || frequency > documentCount) {
      rejectEntry(state, index);
    }
    idfs[id] = inverseDocumentFrequency(frequency, documentCount, smoothIdf);
  }
  let weights = new Float64Array(256);
  const weighRuns = (featureIds: Int32Array, counts: Float64Array, length: number): SparseVector => {
    if (weights.length < length) weights = new Float64Array(Math.max(length, weights.length * 2));
    let kept = 0;
    let squares = 0;
    for (let index = 0; index < length; index++) {
      const id = featureIds[index] ?? 0;
      const idf = idfs[id];
      if (idf === undefined) throw new RangeError(`feature id ${id} is outside [0, ${dimension})`);
      const count = counts[index] ?? 0;
      const weight = (sublinearTf ? sublinear(count) : count) * idf;
      weights[index] = weight;
      squares += weight * weight;
      if (weight !== 0) kept++;
    }
    const scale = norm === 'l2' && squares > 0 ? 1 / Math.sqrt(squares) : 1;
    const weighted = allocateSparseVector(kept);
    const { ids: keptIds, values } = weighted;
    let slot = 0;
    for (let index = 0; index < length; index++) {
      const weight = weights[index] ?? 0;
      if (weight === 0) continue;
      keptIds[slot] = featureIds[index] ?? 0;
      values[slot++] = weight * scale;
    }
    return weighted;
  };
  return {
    kind: 'tfidf',
    dimension,
    idf: (id) => idfs[id] ?? 0,
    idfs,
    sublinearTf,
    norm,
    weigh: (counts) => weighRuns(counts.ids, Float64Array.from(counts.values), counts.ids.length),
    weighRuns,
    toJSON: () => ({ ...state, ids: [...ids], documentFrequencies: [...documentFrequencies] }),
  };
}

/**
 * Throws the `FeaturizerStateError` of an inconsistent entry of a TF-IDF state. The checks run
 * only once an entry failed, so that loading 300,000 entries builds no message.
 */
function rejectEntry({ ids, documentFrequencies, dimension, documentCount }: TfIdfState, index: number): never {
  const id = ids[index] ?? 0;
  requireConsistentState(id < dimension, 'TF-IDF', `id ${id} is outside [0, ${dimension})`);
  requireConsistentState(index === 0 || id > (ids[index - 1] ?? -1), 'TF-IDF', 'ids are not strictly ascending');
  requireConsistentState(
    (documentFrequencies[index] ?? 0) <= documentCount,
    'TF-IDF',
    `id ${id} is in more texts than documentCount`,
  );
  throw new RangeError(`TF-IDF entry ${index} was rejected without a reason`);
}

/** 1 + ln(count) of the counts a text's features usually have, computed once (the featurize kernel takes them too). */
export const SUBLINEAR_TF = Float64Array.from({ length: 256 }, (_, count) => 1 + Math.log(count));

/** The sublinear tf, 1 + ln(count), of a positive count; a count of 0 or less stays as it is. */
function sublinear(count: number): number {
  if (count <= 0) return count;
  return count < SUBLINEAR_TF.length && (count | 0) === count ? (SUBLINEAR_TF[count] ?? 0) : 1 + Math.log(count);
}

/** scikit-learn's idf: ln((1 + n) / (1 + df)) + 1 smoothed, ln(n / df) + 1 otherwise. */
function inverseDocumentFrequency(documentFrequency: number, documentCount: number, smooth: boolean): number {
  return smooth
    ? Math.log((1 + documentCount) / (1 + documentFrequency)) + 1
    : Math.log(documentCount / documentFrequency) + 1;
}

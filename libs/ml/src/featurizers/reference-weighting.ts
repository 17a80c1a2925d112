import type { SparseVector } from '../core/sparse-vector.js';
import type { MeanWeighting } from './mean-weighting.js';
import type { TfIdfWeighting } from './tfidf-weighting.js';
import type { TextFeaturizerState } from './text-featurizer-state.js';

/**
 * `weigh` of a weighting as first written, for `referenceTextFeaturizer`: the same arithmetic in the
 * same order as the weighting's own (so the same values), with its allocations (a Float64Array of
 * weights, then two typed arrays of their own for the result).
 */
export function referenceWeigh(
  state: TextFeaturizerState['weighting'],
  weighting: TfIdfWeighting | MeanWeighting,
): (counts: SparseVector) => SparseVector {
  if (state.kind === 'mean' || weighting.kind === 'mean') return meanWeigh;
  const { dimension } = weighting;
  const idfs = Float32Array.from({ length: dimension }, (_, id) => weighting.idf(id));
  const { sublinearTf, norm } = state;
  return (counts) => {
    const weights = new Float64Array(counts.ids.length);
    let kept = 0;
    let squares = 0;
    for (let index = 0; index < weights.length; index++) {
      const id = counts.ids[index] ?? 0;
      const idf = idfs[id];
      if (idf === undefined) throw new RangeError(`feature id ${id} is outside [0, ${dimension})`);
      const count = counts.values[index] ?? 0;
      const weight = (sublinearTf && count > 0 ? 1 + Math.log(count) : count) * idf;
      weights[index] = weight;
      squares += weight * weight;
      if (weight !== 0) kept++;
    }
    const scale = norm === 'l2' && squares > 0 ? 1 / Math.sqrt(squares) : 1;
    const ids = new Int32Array(kept);
    const values = new Float32Array(kept);
    let slot = 0;
    for (let index = 0; index < weights.length; index++) {
      const weight = weights[index] ?? 0;
      if (weight === 0) continue;
      ids[slot] = counts.ids[index] ?? 0;
      values[slot++] = weight * scale;
    }
    return { ids, values };
  };
}

function meanWeigh(counts: SparseVector): SparseVector {
  let total = 0;
  for (const count of counts.values) total += count;
  const values = new Float32Array(counts.values.length);
  if (total > 0)
    for (let index = 0; index < values.length; index++) values[index] = (counts.values[index] ?? 0) / total;
  return { ids: counts.ids.slice(), values };
}

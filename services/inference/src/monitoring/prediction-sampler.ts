import type { PredictionEvent } from '../serving/prediction-events.js';

/** FNV-1a over the UTF-16 code units, as a share in [0, 1). */
function unitHash(value: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < value.length; index++) {
    hash ^= value.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 4294967296;
}

/**
 * Decides whether a request is logged, the same way for every text of it and for its shadow
 * copies: by a hash of its first prediction id (server-made, shared by the copies), under `rate`.
 */
export function createPredictionSampler(rate: number): (event: PredictionEvent) => boolean {
  if (!(rate >= 0 && rate <= 1)) throw new Error(`a sample rate is between 0 and 1, not ${rate}`);
  if (rate === 0) return () => false;
  if (rate === 1) return () => true;
  return (event) => unitHash(event.ids[0] ?? event.requestId) < rate;
}

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

/** How much of the traffic the prediction log takes. */
export interface SamplingPolicy {
  /** Share of requests logged, in [0, 1]. */
  readonly rate: number;
  /**
   * Texts of answered requests logged per second and model at most (0: no cap); a burst of one
   * second's worth and one request passes. Beyond, sampled requests are left out whole, so the
   * log's write load does not grow with the traffic (shadow copies of logged requests add theirs).
   */
  readonly maxTextsPerSecond: number;
  /** Called with the texts of a sampled request the cap left out. */
  readonly onCapped?: (model: string, texts: number) => void;
  /** Milliseconds of a monotonic clock; `performance.now` unless a test passes its own. */
  readonly now?: () => number;
}

/** The key a request and its shadow copies share: the first prediction id (server-made). */
const keyOf = (event: PredictionEvent): string => event.ids[0] ?? event.requestId;

/**
 * A token bucket per model, refilled at `perSecond` texts per second up to one second's worth.
 * A request is admitted while the bucket is not empty and then pays for all its texts, so the
 * bucket may go below zero and the mean stays within the cap.
 */
class TextBudgets {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number,
  ) {}

  admit(model: string, texts: number): boolean {
    const now = this.now();
    const bucket = this.#buckets.get(model) ?? { tokens: this.perSecond, at: now };
    const elapsedMs = Math.max(0, now - bucket.at);
    bucket.tokens = Math.min(this.perSecond, bucket.tokens + (elapsedMs / 1000) * this.perSecond);
    bucket.at = now;
    this.#buckets.set(model, bucket);
    if (bucket.tokens <= 0) return false;
    bucket.tokens -= texts;
    return true;
  }
}

/**
 * Decides whether a request is logged, the same way for every text of it and for its shadow
 * copies: by a hash of its first prediction id (server-made, shared by the copies), under
 * `policy.rate`, then within the per-model cap. A shadow copy is logged when the request it
 * copies was: it carries that request's very `ids` array (see `PredictionEvent.ids`), which the
 * admitted requests are remembered by until it is collected; it does not pay into the cap.
 */
export function createPredictionSampler(policy: SamplingPolicy): (event: PredictionEvent) => boolean {
  const { rate, maxTextsPerSecond } = policy;
  if (!(rate >= 0 && rate <= 1)) throw new Error(`a sample rate is between 0 and 1, not ${rate}`);
  if (!(Number.isFinite(maxTextsPerSecond) && maxTextsPerSecond >= 0)) {
    throw new Error(`a cap on logged texts per second is a number ≥ 0, not ${maxTextsPerSecond}`);
  }
  if (rate === 0) return () => false;
  const inRate = (event: PredictionEvent): boolean => rate === 1 || unitHash(keyOf(event)) < rate;
  if (maxTextsPerSecond === 0) return inRate;
  const budgets = new TextBudgets(maxTextsPerSecond, policy.now ?? (() => performance.now()));
  const admitted = new WeakSet<readonly string[]>();
  return (event) => {
    if (!inRate(event)) return false;
    if (event.role === 'shadow') return admitted.has(event.ids);
    if (!budgets.admit(event.model, event.texts.length)) {
      policy.onCapped?.(event.model, event.texts.length);
      return false;
    }
    admitted.add(event.ids);
    return true;
  };
}

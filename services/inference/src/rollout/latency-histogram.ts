/** Lower bound of the first bucket, in milliseconds. */
const FIRST_BOUND_MS = 0.05;
/** Each bucket's upper bound is this factor times its lower bound (so a p99 is known within 20%). */
const GROWTH = 1.2;
/** Buckets: 0.05 ms × 1.2^80 ≈ 110 s; slower requests fall in the last one. */
export const LATENCY_BUCKETS = 80;

/** The bucket a latency falls in. */
export function latencyBucket(latencyMs: number): number {
  if (!(latencyMs > FIRST_BOUND_MS)) return 0;
  return Math.min(LATENCY_BUCKETS - 1, Math.floor(Math.log(latencyMs / FIRST_BOUND_MS) / Math.log(GROWTH)));
}

/** The upper bound of a bucket, in milliseconds. */
function upperBound(bucket: number): number {
  return FIRST_BOUND_MS * GROWTH ** (bucket + 1);
}

/**
 * The quantile `q` of a histogram stored as `{ l<bucket>: count }` (summed over replicas): the
 * upper bound of the bucket holding it; null without samples.
 */
export function histogramQuantile(buckets: Readonly<Record<string, number>> | undefined, q: number): number | null {
  const counts = new Array<number>(LATENCY_BUCKETS).fill(0);
  for (const [key, count] of Object.entries(buckets ?? {})) {
    const index = Number(key.slice(1));
    if (Number.isInteger(index) && index >= 0 && index < LATENCY_BUCKETS) counts[index] = count;
  }
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (let index = 0; index < LATENCY_BUCKETS; index += 1) {
    seen += counts[index] ?? 0;
    if (seen >= rank) return upperBound(index);
  }
  return upperBound(LATENCY_BUCKETS - 1);
}

/** What one replica counted of a rollout stage since its last flush. */
export interface FiguresDelta {
  requests: number;
  errors: number;
  compared: number;
  agreed: number;
  readonly candidateLatency: Map<number, number>;
  readonly productionLatency: Map<number, number>;
}

/** An empty delta. */
export function emptyDelta(): FiguresDelta {
  return {
    requests: 0,
    errors: 0,
    compared: 0,
    agreed: 0,
    candidateLatency: new Map(),
    productionLatency: new Map(),
  };
}

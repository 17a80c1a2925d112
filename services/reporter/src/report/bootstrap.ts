import { matrixMetrics } from './matrix-metrics.js';

/** A 95% (or other) percentile interval of a bootstrap. */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** How a bootstrap resamples. */
export interface BootstrapOptions {
  /** Resamples; default 1000. */
  readonly replicates?: number;
  /** Seed of the random source; default 1. The same seed gives the same intervals. */
  readonly seed?: number;
  /** Coverage of the intervals; default 0.95. */
  readonly level?: number;
}

/** The resampled metrics of a confusion matrix, one entry per replicate. */
export interface BootstrapSamples {
  readonly replicates: number;
  readonly seed: number;
  readonly level: number;
  readonly accuracy: Float64Array;
  readonly macroF1: Float64Array;
  /** Per class (row order), per replicate. */
  readonly f1: readonly Float64Array[];
}

/** Mulberry32: a small, fast, seeded 32-bit generator; uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Seeded bootstrap of a confusion matrix's metrics. Accuracy and (macro-)F1 depend only on the
 * confusion matrix, so resampling the n test examples with replacement is resampling n cells
 * multinomially with the cells' observed shares: each replicate draws n cells (binary search over
 * the cumulative counts of the non-empty cells), rebuilds the matrix and computes its metrics.
 * Cost: replicates × n × log(non-empty cells).
 */
export function bootstrapConfusion(
  matrix: readonly (readonly number[])[],
  options: BootstrapOptions = {},
): BootstrapSamples {
  const { replicates = 1000, seed = 1, level = 0.95 } = options;
  const size = matrix.length;
  const cells: number[] = [];
  const cumulative: number[] = [];
  let total = 0;
  matrix.forEach((row, t) =>
    row.forEach((count, p) => {
      if (count <= 0) return;
      total += count;
      cells.push(t * size + p);
      cumulative.push(total);
    }),
  );
  const random = seededRandom(seed);
  const accuracy = new Float64Array(replicates);
  const macroF1 = new Float64Array(replicates);
  const f1 = Array.from({ length: size }, () => new Float64Array(replicates));
  const counts = new Float64Array(size * size);
  for (let replicate = 0; replicate < replicates; replicate++) {
    counts.fill(0);
    for (let draw = 0; draw < total; draw++) {
      const target = random() * total;
      let low = 0;
      let high = cumulative.length - 1;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((cumulative[middle] ?? 0) > target) high = middle;
        else low = middle + 1;
      }
      const cell = cells[low] ?? 0;
      counts[cell] = (counts[cell] ?? 0) + 1;
    }
    const resampled = Array.from({ length: size }, (_, t) => Array.from(counts.subarray(t * size, (t + 1) * size)));
    const metrics = matrixMetrics(resampled);
    accuracy[replicate] = metrics.accuracy;
    macroF1[replicate] = metrics.macroF1;
    metrics.f1.forEach((value, index) => {
      const perClass = f1[index];
      if (perClass) perClass[replicate] = value;
    });
  }
  return { replicates, seed, level, accuracy, macroF1, f1 };
}

/** The percentile interval of samples at a coverage level (linear interpolation between ranks). */
export function percentileInterval(samples: ArrayLike<number>, level = 0.95): Interval {
  const sorted = Float64Array.from(samples).sort();
  if (sorted.length === 0) return { low: 0, high: 0 };
  const quantile = (q: number): number => {
    const position = q * (sorted.length - 1);
    const below = Math.floor(position);
    const above = Math.min(sorted.length - 1, below + 1);
    return (sorted[below] ?? 0) + ((sorted[above] ?? 0) - (sorted[below] ?? 0)) * (position - below);
  };
  return { low: quantile((1 - level) / 2), high: quantile(1 - (1 - level) / 2) };
}

/**
 * The interval of the difference b − a of two independent bootstraps (replicate i of b minus
 * replicate i of a). Independent resampling ignores that two models scored on the same test set
 * err together, so this interval is, if anything, wider than a paired one.
 */
export function differenceInterval(a: Float64Array, b: Float64Array, level = 0.95): Interval {
  const length = Math.min(a.length, b.length);
  const differences = new Float64Array(length);
  for (let index = 0; index < length; index++) differences[index] = (b[index] ?? 0) - (a[index] ?? 0);
  return percentileInterval(differences, level);
}

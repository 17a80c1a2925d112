import type { Random } from '../core/random.js';
import { logGaussMass, truncnormLogPdf, truncnormPpf } from './normal-math.js';
import type { Distribution } from './search-space.js';

/** The bandwidth and prior settings of Optuna's `_ParzenEstimatorParameters` (its defaults). */
export interface ParzenOptions {
  /** Weight of the prior kernel (the uniform-ish kernel centred on the range). Default 1. */
  readonly priorWeight: number;
  /** Clip bandwidths below at range / min(100, 1 + kernels). Default true. */
  readonly considerMagicClip: boolean;
  /** Let the outermost kernels' bandwidths reach the range ends. Default false. */
  readonly considerEndpoints: boolean;
}

interface NumericalKernels {
  readonly kind: 'numerical';
  readonly mus: readonly number[];
  readonly sigmas: readonly number[];
  /** Range in the transformed space (log taken, widened by half a step when stepped). */
  readonly low: number;
  readonly high: number;
  readonly rawLow: number;
  readonly rawHigh: number;
  readonly log: boolean;
  readonly step: number;
}

interface CategoricalKernels {
  readonly kind: 'categorical';
  /** One probability row per kernel. */
  readonly rows: readonly (readonly number[])[];
}

/** A mixture of product kernels over some parameters: one kernel per observation plus the prior. */
export interface ParzenEstimator {
  readonly weights: readonly number[];
  readonly dimensions: readonly (NumericalKernels | CategoricalKernels)[];
}

/** Optuna's default observation weights: flat below 25 observations, older ones ramped down above. */
export function defaultWeights(count: number): number[] {
  if (count < 25) return Array.from({ length: count }, () => 1);
  const rampLength = count - 25;
  const ramp = Array.from({ length: rampLength }, (_, i) =>
    rampLength === 1 ? 1 / count : 1 / count + ((1 - 1 / count) * i) / (rampLength - 1),
  );
  return [...ramp, ...Array.from({ length: 25 }, () => 1)];
}

/**
 * Fits the estimator to `observations` (rows in trial order, one internal value per distribution:
 * the value itself for numbers, the choice index for categoricals).
 */
export function buildParzenEstimator(
  observations: readonly (readonly number[])[],
  distributions: readonly Distribution[],
  options: ParzenOptions,
): ParzenEstimator {
  const raw = observations.length === 0 ? [1] : [...defaultWeights(observations.length), options.priorWeight];
  const total = raw.reduce((sum, w) => sum + w, 0);
  return {
    weights: raw.map((w) => w / total),
    dimensions: distributions.map((distribution, d) => {
      const column = observations.map((row) => row[d] ?? 0);
      return distribution.kind === 'categorical'
        ? categoricalKernels(column, distribution.choices.length, options)
        : numericalKernels(column, distribution, options);
    }),
  };
}

function categoricalKernels(column: readonly number[], choices: number, options: ParzenOptions): CategoricalKernels {
  if (column.length === 0) return { kind: 'categorical', rows: [Array.from({ length: choices }, () => 1 / choices)] };
  const kernels = column.length + 1;
  const rows = Array.from({ length: kernels }, (_, k) => {
    const row = Array.from({ length: choices }, () => options.priorWeight / kernels);
    if (k < column.length) row[column[k] ?? 0] = (row[column[k] ?? 0] ?? 0) + 1;
    const sum = row.reduce((s, p) => s + p, 0);
    return row.map((p) => (sum === 0 ? p : p / sum));
  });
  return { kind: 'categorical', rows };
}

function numericalKernels(
  column: readonly number[],
  distribution: Exclude<Distribution, { kind: 'categorical' }>,
  options: ParzenOptions,
): NumericalKernels {
  const step = distribution.step ?? 0;
  let low = distribution.low - step / 2;
  let high = distribution.high + step / 2;
  let mus = [...column];
  if (distribution.log) {
    mus = mus.map(Math.log);
    low = Math.log(low);
    high = Math.log(high);
  }
  const sigmas = bandwidths(mus, low, high, options);
  return {
    kind: 'numerical',
    mus: [...mus, 0.5 * (low + high)],
    sigmas: [...sigmas, high - low],
    low,
    high,
    rawLow: distribution.low,
    rawHigh: distribution.high,
    log: distribution.log,
    step,
  };
}

/** Each kernel's bandwidth: the larger gap to its sorted neighbours (range ends included), clipped. */
function bandwidths(mus: readonly number[], low: number, high: number, options: ParzenOptions): number[] {
  const order = mus.map((_, i) => i).sort((a, b) => (mus[a] ?? 0) - (mus[b] ?? 0));
  const sorted = [low, ...order.map((i) => mus[i] ?? 0), high];
  const sortedSigmas = order.map((_, k) =>
    Math.max((sorted[k + 1] ?? 0) - (sorted[k] ?? 0), (sorted[k + 2] ?? 0) - (sorted[k + 1] ?? 0)),
  );
  if (!options.considerEndpoints && sorted.length >= 4) {
    sortedSigmas[0] = (sorted[2] ?? 0) - (sorted[1] ?? 0);
    sortedSigmas[sortedSigmas.length - 1] = (sorted[sorted.length - 2] ?? 0) - (sorted[sorted.length - 3] ?? 0);
  }
  const maxSigma = high - low;
  const minSigma = options.considerMagicClip ? (high - low) / Math.min(100, 1 + mus.length + 1) : 1e-12;
  const sigmas = new Array<number>(mus.length);
  order.forEach((index, k) => {
    sigmas[index] = Math.min(maxSigma, Math.max(minSigma, sortedSigmas[k] ?? 0));
  });
  return sigmas;
}

function pickKernel(weights: readonly number[], random: Random): number {
  const u = random.next();
  let cumulative = 0;
  for (let k = 0; k < weights.length; k++) {
    cumulative += weights[k] ?? 0;
    if (u < cumulative) return k;
  }
  return weights.length - 1;
}

/** Draws `size` points (internal representation) from the mixture. */
export function sampleParzen(estimator: ParzenEstimator, random: Random, size: number): number[][] {
  const kernels = Array.from({ length: size }, () => pickKernel(estimator.weights, random));
  return kernels.map((k) =>
    estimator.dimensions.map((dimension) => {
      if (dimension.kind === 'categorical') return pickKernel(dimension.rows[k] as number[], random);
      const mu = dimension.mus[k] ?? 0;
      const sigma = dimension.sigmas[k] ?? 0;
      const x = truncnormPpf(random.next(), (dimension.low - mu) / sigma, (dimension.high - mu) / sigma) * sigma + mu;
      const value = dimension.log ? Math.exp(x) : x;
      if (dimension.step === 0) return Math.min(dimension.rawHigh, Math.max(dimension.rawLow, value));
      const snapped = dimension.rawLow + Math.round((value - dimension.rawLow) / dimension.step) * dimension.step;
      return Math.min(dimension.rawHigh, Math.max(dimension.rawLow, snapped));
    }),
  );
}

/** Log density (mass for stepped and categorical dimensions) of each point under the mixture. */
export function parzenLogPdf(estimator: ParzenEstimator, points: readonly (readonly number[])[]): number[] {
  return points.map((point) => {
    const perKernel = estimator.weights.map((weight, k) => {
      let sum = Math.log(weight);
      estimator.dimensions.forEach((dimension, d) => {
        sum += kernelLogDensity(dimension, k, point[d] ?? 0);
      });
      return sum;
    });
    return logSumExp(perKernel);
  });
}

function kernelLogDensity(dimension: NumericalKernels | CategoricalKernels, k: number, x: number): number {
  if (dimension.kind === 'categorical') return Math.log(dimension.rows[k]?.[x] ?? 0);
  const mu = dimension.mus[k] ?? 0;
  const sigma = dimension.sigmas[k] ?? 0;
  const a = (dimension.low - mu) / sigma;
  const b = (dimension.high - mu) / sigma;
  const transform = (v: number): number => (dimension.log ? Math.log(v) : v);
  if (dimension.step === 0) return truncnormLogPdf(transform(x), a, b, mu, sigma);
  const left = (transform(x - dimension.step / 2) - mu) / sigma;
  const right = (transform(x + dimension.step / 2) - mu) / sigma;
  return logGaussMass(left, right) - logGaussMass(a, b);
}

function logSumExp(values: readonly number[]): number {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (const v of values) sum += Math.exp(v - max);
  return max + Math.log(sum);
}

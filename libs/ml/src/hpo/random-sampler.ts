import type { Random } from '../core/random.js';
import type { Sampler } from './sampler.js';
import { isActive, type Assignment, type Distribution, type ParameterValue } from './search-space.js';
import { trialRandom } from './trial-random.js';

/** Uniform draw from one distribution (log-uniform on a log scale, on the grid when stepped). */
export function sampleUniform(distribution: Distribution, random: Random): ParameterValue {
  if (distribution.kind === 'categorical') {
    return distribution.choices[random.integer(distribution.choices.length)] ?? '';
  }
  const { low, high, log } = distribution;
  const step = distribution.step;
  if (log) {
    const widen = distribution.kind === 'int' ? 0.5 : 0;
    const value = Math.exp(Math.log(low - widen) + random.next() * (Math.log(high + widen) - Math.log(low - widen)));
    return distribution.kind === 'int' ? Math.min(high, Math.max(low, Math.round(value))) : value;
  }
  if (step !== undefined) {
    const count = Math.floor((high - low) / step) + 1;
    return roundToGrid(low + random.integer(count) * step, step);
  }
  return low + random.next() * (high - low);
}

/** Random search: every active parameter drawn independently and uniformly. */
export const randomSampler: Sampler = ({ space, seed, trialNumber }) => {
  const random = trialRandom(seed, trialNumber);
  const values: Record<string, ParameterValue> = {};
  for (const parameter of space) {
    if (isActive(parameter, values)) values[parameter.name] = sampleUniform(parameter.distribution, random);
  }
  return values satisfies Assignment;
};

/** Removes floating-point noise from a stepped value (0.1 + 0.2 → 0.3). */
export function roundToGrid(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 6);
  return Number(value.toFixed(Math.min(decimals, 15)));
}

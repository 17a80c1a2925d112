import type { LabelledExample } from '../core/example.js';
import { createRandom, shuffled } from '../core/random.js';

export interface SplitFractions {
  /** Share of every label held out for the final test, in [0, 1). */
  readonly test: number;
  /** Share of every label held out for early stopping and model selection, in [0, 1). */
  readonly validation: number;
}

export interface DatasetSplit<T> {
  readonly train: readonly T[];
  readonly validation: readonly T[];
  readonly test: readonly T[];
}

/**
 * Stratified, seeded split. Each label's examples are ordered by id (so the input order does not
 * matter), shuffled with the seed, and cut by the fractions, rounding so that a label with at
 * least three examples keeps one in every part that has a non-zero fraction. The same examples,
 * fractions and seed give the same split on any machine.
 */
export function stratifiedSplit<T extends Pick<LabelledExample, 'id' | 'label'>>(
  examples: readonly T[],
  fractions: SplitFractions,
  seed: number,
): DatasetSplit<T> {
  const byLabel = new Map<string, T[]>();
  for (const example of examples) {
    const group = byLabel.get(example.label) ?? [];
    group.push(example);
    byLabel.set(example.label, group);
  }
  const train: T[] = [];
  const validation: T[] = [];
  const test: T[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const group = (byLabel.get(label) ?? []).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const random = createRandom(seed ^ hashLabel(label));
    const order = shuffled(group, random);
    const testCount = heldOut(order.length, fractions.test);
    const validationCount = heldOut(order.length - testCount, fractions.validation / (1 - fractions.test));
    test.push(...order.slice(0, testCount));
    validation.push(...order.slice(testCount, testCount + validationCount));
    train.push(...order.slice(testCount + validationCount));
  }
  return { train, validation, test };
}

function heldOut(count: number, fraction: number): number {
  if (fraction <= 0 || count < 2) return 0;
  return Math.min(count - 1, Math.max(1, Math.round(count * fraction)));
}

/** FNV-1a of the label, so every label gets its own shuffle from the one seed. */
function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

import type { TrialDatum } from '@mlops/charts';
import type { StudyTrial } from '@mlops/contracts';

/** What the parallel coordinates draw: the numeric parameters every finished trial has, and those trials. */
export interface ParallelData {
  readonly dimensions: readonly string[];
  readonly trials: readonly TrialDatum[];
}

/**
 * The parallel-coordinates data of a study the way the PDF report's study slide builds it:
 * finished trials (with a value), the numeric parameters all of them have, sorted by name;
 * a trial's id is its number.
 */
export function parallelData(trials: readonly StudyTrial[]): ParallelData {
  const finished = trials.filter((trial): trial is StudyTrial & { value: number } => trial.value !== undefined);
  const dimensions = [...new Set(finished.flatMap((trial) => Object.keys(trial.params)))]
    .filter((name) => finished.every((trial) => typeof trial.params[name] === 'number'))
    .sort();
  return {
    dimensions,
    trials: finished.map((trial) => ({
      id: String(trial.number),
      values: Object.fromEntries(dimensions.map((name) => [name, trial.params[name] as number])),
      objective: trial.value,
    })),
  };
}

/** A brush over the parallel coordinates: the axes it spans and the range of their (0–1 scaled) height. */
export interface Brush {
  readonly dimensions: readonly string[];
  readonly low: number;
  readonly high: number;
}

/**
 * Reads the value of the chart's interval selection signal (`{ dimension: [...axes], scaled: [a, b] }`,
 * `{}` once cleared) as a brush, or undefined when nothing is brushed.
 */
export function brushOf(value: unknown): Brush | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { dimension, scaled } = value as { dimension?: unknown; scaled?: unknown };
  if (!Array.isArray(dimension) || !Array.isArray(scaled) || scaled.length !== 2) return undefined;
  const [a, b] = scaled as unknown[];
  if (typeof a !== 'number' || typeof b !== 'number') return undefined;
  const dimensions = dimension.filter((name): name is string => typeof name === 'string');
  if (dimensions.length === 0) return undefined;
  return { dimensions, low: Math.min(a, b), high: Math.max(a, b) };
}

/** Each trial's height on each axis, scaled to the axis's range as the chart draws it (0.5 on a flat axis). */
function scaledHeights(data: ParallelData): Map<string, Map<string, number>> {
  const heights = new Map<string, Map<string, number>>();
  for (const dimension of data.dimensions) {
    const values = data.trials.map((trial) => trial.values[dimension] ?? Number.NaN);
    const min = Math.min(...values);
    const max = Math.max(...values);
    for (const trial of data.trials) {
      const value = trial.values[dimension];
      if (value === undefined) continue;
      const row = heights.get(trial.id) ?? new Map<string, number>();
      row.set(dimension, max === min ? 0.5 : (value - min) / (max - min));
      heights.set(trial.id, row);
    }
  }
  return heights;
}

/**
 * The numbers of the trials whose line crosses every brushed axis inside the brushed range;
 * every trial when nothing is brushed (trials without a value are never inside a brush).
 */
export function trialsInBrush(
  trials: readonly StudyTrial[],
  data: ParallelData,
  brush: Brush | undefined,
): Set<number> {
  if (!brush) return new Set(trials.map((trial) => trial.number));
  const heights = scaledHeights(data);
  const inside = new Set<number>();
  for (const [id, row] of heights) {
    const passes = brush.dimensions.every((dimension) => {
      const height = row.get(dimension);
      return height !== undefined && height >= brush.low && height <= brush.high;
    });
    if (passes) inside.add(Number(id));
  }
  return inside;
}

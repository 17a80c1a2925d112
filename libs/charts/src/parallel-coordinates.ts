import type { TopLevelSpec } from 'vega-lite';
import { INK } from './palette.js';

/** A trial of a study: its parameter values (numbers) and objective value. */
export interface TrialDatum {
  readonly id: string;
  readonly values: Readonly<Record<string, number>>;
  readonly objective: number;
}

function formatEnd(value: number): string {
  return Math.abs(value) >= 1000 || (Math.abs(value) < 0.01 && value !== 0)
    ? value.toExponential(1)
    : String(+value.toPrecision(3));
}

/** How the parallel coordinates behave on a page (the PDF passes none). */
interface ParallelCoordinatesOptions {
  /**
   * The name of an interval selection over the axes (`{ dimension: [...], scaled: [low, high] }`,
   * heights scaled 0–1 per axis as drawn): dragging over axes brushes them, a double click clears.
   */
  readonly brush?: string;
}

/**
 * Parallel coordinates of a study's trials: one vertical axis per dimension (scaled to its own
 * range, its minimum and maximum written at its ends), one line per trial coloured by the
 * objective (viridis: ordered by lightness, colour-blind safe).
 */
export function parallelCoordinates(
  dimensions: readonly string[],
  trials: readonly TrialDatum[],
  objectiveTitle: string,
  options: ParallelCoordinatesOptions = {},
): TopLevelSpec {
  const ranges = new Map(
    dimensions.map((dimension) => {
      const values = trials.map((trial) => trial.values[dimension]).filter((v): v is number => v !== undefined);
      return [dimension, { min: Math.min(...values), max: Math.max(...values) }] as const;
    }),
  );
  const lines = trials.flatMap((trial) =>
    dimensions.flatMap((dimension) => {
      const value = trial.values[dimension];
      const range = ranges.get(dimension);
      if (value === undefined || !range) return [];
      const scaled = range.max === range.min ? 0.5 : (value - range.min) / (range.max - range.min);
      return [{ trial: trial.id, dimension, value, scaled, objective: trial.objective }];
    }),
  );
  const ends = dimensions.flatMap((dimension) => {
    const range = ranges.get(dimension);
    if (!range || !Number.isFinite(range.min)) return [];
    return [
      { dimension, scaled: 0, text: formatEnd(range.min), baseline: 'top' },
      { dimension, scaled: 1, text: formatEnd(range.max), baseline: 'bottom' },
    ];
  });
  const x = {
    field: 'dimension',
    type: 'nominal',
    sort: [...dimensions],
    title: null,
    axis: { orient: 'bottom', labelAngle: 0, ticks: false, domain: false, labelPadding: 18 },
    scale: { type: 'point', padding: 0.3 },
  };
  const y = { field: 'scaled', type: 'quantitative', axis: null, scale: { domain: [0, 1] } };
  return {
    layer: [
      {
        data: { values: dimensions.map((dimension) => ({ dimension })) },
        mark: { type: 'rule', color: INK.faint },
        encoding: { x, y: { datum: 0, type: 'quantitative', axis: null, scale: { domain: [0, 1] } }, y2: { datum: 1 } },
      },
      {
        data: { values: lines },
        ...(options.brush
          ? { params: [{ name: options.brush, select: { type: 'interval', encodings: ['x', 'y'] } }] }
          : {}),
        mark: { type: 'line', strokeWidth: 1.6, opacity: 0.75 },
        encoding: {
          x,
          y,
          detail: { field: 'trial', type: 'nominal' },
          color: {
            field: 'objective',
            type: 'quantitative',
            title: objectiveTitle,
            scale: { scheme: 'viridis' },
            legend: { orient: 'right', direction: 'vertical' },
          },
        },
      },
      ...(['top', 'bottom'] as const).map((baseline) => ({
        data: { values: ends.filter((end) => end.baseline === baseline) },
        mark: { type: 'text', fontSize: 8.5, color: INK.muted, baseline, dy: baseline === 'top' ? 3 : -3 },
        encoding: { x, y, text: { field: 'text' } },
      })),
    ],
  } as TopLevelSpec;
}

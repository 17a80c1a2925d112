import type { TopLevelSpec } from 'vega-lite';
import { OKABE_ITO } from './palette.js';

/** Precision, recall and F1 of one class. */
export interface ClassMetricsDatum {
  readonly label: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

const METRICS = ['F1', 'Precision', 'Recall'] as const;
const COLORS = [OKABE_ITO.blue, OKABE_ITO.skyBlue, OKABE_ITO.orange];

/** Above this many classes, grouped bars get too thin: F1 bars with precision and recall as points. */
export const GROUPED_CLASS_LIMIT = 12;

/**
 * Per-class precision, recall and F1, classes sorted by F1 (best on top, ties by label). Up to
 * `GROUPED_CLASS_LIMIT` classes: three grouped bars per class; more: one F1 bar per class with
 * precision (circle) and recall (diamond) as points on it.
 */
export function classMetricsChart(rows: readonly ClassMetricsDatum[]): TopLevelSpec {
  const sorted = [...rows].sort((a, b) => b.f1 - a.f1 || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const order = sorted.map((row) => row.label);
  const values = sorted.flatMap((row) => [
    { label: row.label, metric: 'F1', value: row.f1 },
    { label: row.label, metric: 'Precision', value: row.precision },
    { label: row.label, metric: 'Recall', value: row.recall },
  ]);
  const y = { field: 'label', type: 'nominal', sort: order, title: null, axis: { ticks: false, domain: false } };
  const x = {
    field: 'value',
    type: 'quantitative',
    title: 'Score (100% = perfect)',
    // A little room past 100%: a point at 100% is drawn whole inside the plot.
    scale: { domain: [0, 1.03], nice: false },
    axis: { format: '.0%', values: [0, 0.2, 0.4, 0.6, 0.8, 1] },
  };
  const color = {
    field: 'metric',
    type: 'nominal',
    title: null,
    scale: { domain: [...METRICS], range: COLORS },
  };
  if (rows.length <= GROUPED_CLASS_LIMIT) {
    return {
      data: { values },
      mark: { type: 'bar', cornerRadiusEnd: 2 },
      encoding: { y, x, color, yOffset: { field: 'metric', type: 'nominal', sort: [...METRICS] } },
    } as TopLevelSpec;
  }
  return {
    data: { values },
    encoding: { y },
    layer: [
      {
        transform: [{ filter: "datum.metric === 'F1'" }],
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: { x, color },
      },
      ...(['Precision', 'Recall'] as const).map((metric) => ({
        transform: [{ filter: `datum.metric === '${metric}'` }],
        mark: {
          type: 'point',
          shape: metric === 'Precision' ? 'circle' : 'diamond',
          filled: true,
          size: 38,
          opacity: 1,
        },
        encoding: { x, color },
      })),
    ],
  } as TopLevelSpec;
}

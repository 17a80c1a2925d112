import type { TopLevelSpec } from 'vega-lite';
import { INK, SEQUENTIAL_SCHEME } from './palette.js';
import { count } from './chart-text.js';

/** A confusion matrix: rows = true class, columns = predicted class, in label order. */
export interface ConfusionMatrixData {
  readonly labels: readonly string[];
  readonly matrix: readonly (readonly number[])[];
}

/**
 * A confusion-matrix heatmap: cells coloured by the share of the true class's examples (each row
 * sums to 100%) and labelled with the count and that share; true class down, predicted across.
 */
export function confusionHeatmap(data: ConfusionMatrixData): TopLevelSpec {
  const cells = data.labels.flatMap((truth, row) => {
    const counts = data.matrix[row] ?? [];
    const total = counts.reduce((sum, n) => sum + n, 0);
    return data.labels.map((predicted, column) => {
      const value = counts[column] ?? 0;
      const share = total === 0 ? 0 : value / total;
      return { truth, predicted, count: value, share, text: [count(value), `${Math.round(share * 100)}%`] };
    });
  });
  const order = [...data.labels];
  const axis = { labelLimit: 120, ticks: false, domain: false };
  return {
    data: { values: cells },
    encoding: {
      x: {
        field: 'predicted',
        type: 'nominal',
        sort: order,
        title: 'Predicted as',
        axis: { ...axis, orient: 'top', labelAngle: -35, labelAlign: 'left' },
      },
      y: { field: 'truth', type: 'nominal', sort: order, title: 'True class', axis },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1.5 },
        encoding: {
          color: {
            field: 'share',
            type: 'quantitative',
            title: 'Share of the true class',
            scale: { scheme: SEQUENTIAL_SCHEME, domain: [0, 1] },
            legend: { format: '.0%', orient: 'right', direction: 'vertical', gradientLength: 140 },
          },
        },
      },
      {
        mark: { type: 'text', lineBreak: '\n', fontSize: 9, lineHeight: 11 },
        encoding: {
          text: { field: 'text' },
          color: { condition: { test: 'datum.share > 0.55', value: 'white' }, value: INK.text },
        },
      },
    ],
  };
}

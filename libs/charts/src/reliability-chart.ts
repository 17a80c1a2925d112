import type { TopLevelSpec } from 'vega-lite';
import { INK, OKABE_ITO } from './palette.js';
import { count } from './chart-text.js';

/** A confidence bin of a reliability diagram. */
export interface ReliabilityDatum {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  readonly accuracy: number;
  readonly meanConfidence: number;
}

/**
 * Reliability diagram: for each confidence bin with examples, a bar of the share of right answers,
 * the dashed diagonal where confidence equals accuracy, and each bar's example count under it.
 */
export function reliabilityChart(bins: readonly ReliabilityDatum[]): TopLevelSpec {
  const filled = bins.filter((bin) => bin.count > 0).map((bin) => ({ ...bin, label: `n=${count(bin.count)}` }));
  const x = {
    field: 'lower',
    type: 'quantitative',
    title: "Model's confidence",
    scale: { domain: [0, 1] },
    axis: { format: '.0%', tickCount: 5, labelPadding: 14, titlePadding: 6 },
  };
  const y = {
    field: 'accuracy',
    type: 'quantitative',
    title: 'Share of answers that were right',
    scale: { domain: [0, 1] },
    axis: { format: '.0%', tickCount: 5 },
  };
  return {
    layer: [
      {
        data: { values: filled },
        mark: { type: 'rect', color: OKABE_ITO.blue, opacity: 0.85, stroke: 'white', strokeWidth: 1 },
        encoding: { x, x2: { field: 'upper' }, y, y2: { datum: 0 } },
      },
      {
        data: { values: filled },
        transform: [{ calculate: '(datum.lower + datum.upper) / 2', as: 'middle' }],
        mark: { type: 'text', baseline: 'top', dy: 4, fontSize: 8, color: INK.muted, y: 'height' },
        encoding: { x: { field: 'middle', type: 'quantitative' }, text: { field: 'label' } },
      },
      {
        data: {
          values: [
            { lower: 0, accuracy: 0 },
            { lower: 1, accuracy: 1 },
          ],
        },
        mark: { type: 'line', color: OKABE_ITO.vermillion, strokeDash: [5, 4], strokeWidth: 1.5 },
        encoding: { x: { field: 'lower', type: 'quantitative' }, y: { field: 'accuracy', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}

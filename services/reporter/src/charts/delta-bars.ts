import type { TopLevelSpec } from 'vega-lite';
import { CHANGE, INK } from '../render/palette.js';

/** A change of a score for one category, in [-1, 1], with an optional 95% interval. */
export interface DeltaDatum {
  readonly category: string;
  readonly delta: number;
  readonly low?: number;
  readonly high?: number;
}

/**
 * Diverging horizontal bars of changes in percentage points (better to the right in blue, worse to
 * the left in vermillion), categories in the order given, intervals as whiskers.
 */
export function deltaBars(data: readonly DeltaDatum[], valueTitle: string): TopLevelSpec {
  const values = data.map((datum) => ({
    category: datum.category,
    points: datum.delta * 100,
    low: datum.low === undefined ? null : datum.low * 100,
    high: datum.high === undefined ? null : datum.high * 100,
    direction: datum.delta > 0.0005 ? 'better' : datum.delta < -0.0005 ? 'worse' : 'same',
    label: `${datum.delta >= 0 ? '+' : '−'}${Math.abs(datum.delta * 100).toFixed(1)}`,
  }));
  const extent = Math.max(
    1,
    ...values.flatMap((v) => [Math.abs(v.points), Math.abs(v.low ?? 0), Math.abs(v.high ?? 0)]),
  );
  const x = {
    field: 'points',
    type: 'quantitative',
    title: valueTitle,
    scale: { domain: [-extent * 1.15, extent * 1.15] },
  };
  const y = {
    field: 'category',
    type: 'nominal',
    sort: data.map((d) => d.category),
    title: null,
    axis: { ticks: false, domain: false },
  };
  return {
    layer: [
      {
        data: { values },
        mark: { type: 'bar', cornerRadiusEnd: 2, height: { band: 0.65 } },
        encoding: {
          y,
          x,
          color: {
            field: 'direction',
            type: 'nominal',
            title: null,
            scale: { domain: ['better', 'worse', 'same'], range: [CHANGE.better, CHANGE.worse, CHANGE.same] },
            legend: null,
          },
        },
      },
      {
        data: { values },
        transform: [{ filter: 'datum.low !== null' }],
        mark: { type: 'rule', color: INK.text, strokeWidth: 1 },
        encoding: { y, x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } },
      },
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: INK.muted },
        encoding: { x: { field: 'zero', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}

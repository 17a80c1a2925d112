import type { TopLevelSpec } from 'vega-lite';
import { CHANGE, INK } from './palette.js';

/** A change of a score for one category, in [-1, 1], with an optional 95% interval. */
export interface DeltaDatum {
  readonly category: string;
  readonly delta: number;
  readonly low?: number;
  readonly high?: number;
}

/** The axis runs this much past the extent. */
const MARGIN = 1.15;

/** The share of the whiskers the axis shows whole: the rest are cut at its ends. */
export const WHISKER_QUANTILE = 0.9;

/**
 * Half the width of the axis, in the data's units: every bar fits, and the whiskers of the
 * `WHISKER_QUANTILE` of the categories whose interval reaches least far (nearest rank); the
 * few widest intervals (small classes) do not squeeze the typical changes into slivers. At
 * least 0.01 (one point).
 */
export function deltaExtent(data: readonly DeltaDatum[]): number {
  const bars = data.reduce((max, datum) => Math.max(max, Math.abs(datum.delta)), 0.01);
  const reaches = data
    .map((datum) => Math.max(Math.abs(datum.delta), Math.abs(datum.low ?? 0), Math.abs(datum.high ?? 0)))
    .sort((a, b) => a - b);
  const rank = Math.ceil(WHISKER_QUANTILE * reaches.length) - 1;
  return Math.max(bars, reaches[Math.max(0, rank)] ?? 0);
}

/** The categories whose whisker the axis of `extent` cuts, at either end. */
export function cutWhiskers(data: readonly DeltaDatum[], extent = deltaExtent(data)): DeltaDatum[] {
  return data.filter((datum) => (datum.low ?? 0) < -extent * MARGIN || (datum.high ?? 0) > extent * MARGIN);
}

/**
 * Diverging horizontal bars of changes in percentage points (better to the right in blue, worse to
 * the left in vermillion), categories in the order given, intervals as whiskers. The axis spans
 * `deltaExtent` (with a margin); a whisker reaching past it is cut at the axis end and ends in an
 * arrowhead there.
 */
export function deltaBars(data: readonly DeltaDatum[], valueTitle: string): TopLevelSpec {
  const end = deltaExtent(data) * MARGIN * 100;
  const values = data.map((datum) => {
    const low = datum.low === undefined ? null : datum.low * 100;
    const high = datum.high === undefined ? null : datum.high * 100;
    return {
      category: datum.category,
      points: datum.delta * 100,
      low: low === null ? null : Math.max(low, -end),
      high: high === null ? null : Math.min(high, end),
      lowCut: low !== null && low < -end,
      highCut: high !== null && high > end,
      direction: datum.delta > 0.0005 ? 'better' : datum.delta < -0.0005 ? 'worse' : 'same',
    };
  });
  const x = {
    field: 'points',
    type: 'quantitative',
    title: valueTitle,
    scale: { domain: [-end, end], nice: false },
  };
  const y = {
    field: 'category',
    type: 'nominal',
    sort: data.map((d) => d.category),
    title: null,
    axis: { ticks: false, domain: false },
  };
  const arrow = (side: 'low' | 'high') => ({
    data: { values },
    transform: [{ filter: `datum.${side}Cut` }],
    mark: {
      type: 'point',
      shape: side === 'high' ? 'triangle-right' : 'triangle-left',
      filled: true,
      size: 40,
      opacity: 1,
      color: INK.text,
    },
    encoding: { y, x: { field: side, type: 'quantitative' } },
  });
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
      arrow('low'),
      arrow('high'),
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: INK.muted },
        encoding: { x: { field: 'zero', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}

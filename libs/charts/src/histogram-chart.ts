import type { TopLevelSpec } from 'vega-lite';
import { CHART_TEXT } from './chart-text.js';
import { INK, OKABE_ITO } from './palette.js';
import { count } from './chart-text.js';

/** A bin [from, to) and the share of the values in it. */
export interface HistogramBin {
  readonly from: number;
  readonly to: number;
  readonly share: number;
}

/** How a histogram reads. */
export interface HistogramOptions {
  /** What the values are ("Text length (characters)"). */
  readonly valueTitle: string;
  /** Bars show the share per `unit` of value, so bins of unequal widths compare fairly. */
  readonly unit: number;
  /** Name of the things counted ("texts"). */
  readonly things: string;
  readonly unitName: string;
  /** A note over the plot's right end (what the axis leaves out), muted. */
  readonly note?: string;
}

/**
 * A histogram of bins of possibly unequal widths (quantile bins): each bar spans its bin and its
 * height is the share of values per `unit` (a density), so a wide bin is not mistaken for a
 * frequent one. The value axis spans the bins exactly; percent ticks are whole percents.
 */
export function histogramChart(bins: readonly HistogramBin[], options: HistogramOptions): TopLevelSpec {
  const values = bins
    .filter((bin) => bin.to > bin.from)
    .map((bin) => ({ ...bin, density: (bin.share / (bin.to - bin.from)) * options.unit }));
  const low = values.reduce((min, bin) => Math.min(min, bin.from), Infinity);
  const high = values.reduce((max, bin) => Math.max(max, bin.to), -Infinity);
  const peak = values.reduce((max, bin) => Math.max(max, bin.density), 0);
  return {
    ...(options.note
      ? {
          title: {
            text: options.note,
            anchor: 'end',
            fontSize: CHART_TEXT.mark,
            fontWeight: 'normal',
            color: INK.muted,
            offset: 6,
          },
        }
      : {}),
    data: { values },
    mark: { type: 'rect', color: OKABE_ITO.blue, stroke: 'white', strokeWidth: 1 },
    encoding: {
      x: {
        field: 'from',
        type: 'quantitative',
        title: options.valueTitle,
        scale: values.length > 0 ? { domain: [low, high], nice: false, zero: false } : { zero: false, nice: false },
        axis: { format: ',d', tickCount: 8, tickMinStep: 1 },
      },
      x2: { field: 'to' },
      y: {
        field: 'density',
        type: 'quantitative',
        title: `Share of ${options.things} per ${count(options.unit)} ${options.unitName}`,
        // Whole percents, never the same label twice; one decimal when the tallest bar is under 3%.
        axis: peak >= 0.03 ? { format: '.0%', tickMinStep: 0.01 } : { format: '.1%', tickMinStep: 0.001 },
      },
      y2: { datum: 0 },
    },
  };
}

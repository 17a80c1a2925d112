import type { TopLevelSpec } from 'vega-lite';
import { OKABE_ITO } from '../render/palette.js';

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
}

/**
 * A histogram of bins of possibly unequal widths (quantile bins): each bar spans its bin and its
 * height is the share of values per `unit` (a density), so a wide bin is not mistaken for a
 * frequent one.
 */
export function histogramChart(bins: readonly HistogramBin[], options: HistogramOptions): TopLevelSpec {
  const values = bins
    .filter((bin) => bin.to > bin.from)
    .map((bin) => ({ ...bin, density: (bin.share / (bin.to - bin.from)) * options.unit }));
  return {
    data: { values },
    mark: { type: 'rect', color: OKABE_ITO.blue, stroke: 'white', strokeWidth: 1 },
    encoding: {
      x: {
        field: 'from',
        type: 'quantitative',
        title: options.valueTitle,
        scale: { zero: false, nice: false },
        axis: { format: ',d', tickCount: 8, tickMinStep: 1 },
      },
      x2: { field: 'to' },
      y: {
        field: 'density',
        type: 'quantitative',
        title: `Share of ${options.things} per ${options.unit} ${options.unitName}`,
        axis: { format: '.0%' },
      },
      y2: { datum: 0 },
    },
  };
}

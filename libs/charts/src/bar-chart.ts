import type { TopLevelSpec } from 'vega-lite';
import { CATEGORICAL, INK, OKABE_ITO } from './palette.js';
import { CHART_TEXT, count, estimateTextWidth, type TextWidth } from './chart-text.js';

/** One bar: its category, value, optional series (grouped bars) and optional label text. */
export interface BarDatum {
  readonly category: string;
  readonly value: number;
  readonly series?: string;
  /** Text shown at the bar's end; default the formatted value. */
  readonly label?: string;
}

/** How a bar chart reads. */
export interface BarChartOptions {
  readonly valueTitle: string;
  readonly categoryTitle?: string;
  /** Values are shares in [0, 1], shown as percentages. */
  readonly percent?: boolean;
  /** Series in legend order (default: order of first appearance). */
  readonly series?: readonly string[];
  /** Write each bar's value (or label) at its end; default true without series. */
  readonly labels?: boolean;
  readonly color?: string;
  /** Measures label text to leave room for it (default an estimate; the PDF passes its font's widths). */
  readonly textWidth?: TextWidth;
}

/** Room between a bar's end and its label, and after the label, in points. */
const LABEL_GAP = 4;
const LABEL_MARGIN = 6;

/**
 * A vega expression of the value axis's upper end that leaves room for every bar's label after
 * its bar inside the plot (`width` is the plot's width once laid out): the bar of value v with a
 * label w points wide needs v · width / (width − w − gaps). At least `floor` and the largest value.
 */
export function labelRoomExpression(
  values: readonly { readonly value: number; readonly label: string }[],
  floor = 0,
  textWidth: TextWidth = estimateTextWidth,
): string {
  const terms = values
    .filter((datum) => datum.value > 0)
    .map((datum) => {
      const room = Math.ceil(textWidth(datum.label, CHART_TEXT.mark) + LABEL_GAP + LABEL_MARGIN);
      return `${datum.value} * width / max(1, width - ${room})`;
    });
  const largest = values.reduce((max, datum) => Math.max(max, datum.value), floor);
  return terms.length === 0 ? String(Math.max(largest, 1)) : `max(${largest}, ${terms.join(', ')})`;
}

/**
 * Horizontal bars, categories top-down in the order given (the caller sorts), grouped by series
 * when the data has one, values written at the bars' ends.
 */
export function barChart(data: readonly BarDatum[], options: BarChartOptions): TopLevelSpec {
  const categories = [...new Set(data.map((datum) => datum.category))];
  const series = options.series ?? [...new Set(data.flatMap((datum) => (datum.series ? [datum.series] : [])))];
  const grouped = series.length > 0;
  const format = options.percent ? '.0%' : ',d';
  const values = data.map((datum) => ({
    ...datum,
    label:
      datum.label ??
      (options.percent
        ? `${(datum.value * 100).toFixed(1)}%`
        : Number.isInteger(datum.value)
          ? count(datum.value)
          : String(datum.value)),
  }));
  const y = {
    field: 'category',
    type: 'nominal',
    sort: categories,
    title: options.categoryTitle ?? null,
    axis: { labelLimit: 200, ticks: false, domain: false, labelPadding: 6 },
  } as const;
  const showLabels = options.labels ?? !grouped;
  const x = {
    field: 'value',
    type: 'quantitative',
    title: options.valueTitle,
    axis: { format, tickCount: 5, grid: true, ...(options.percent ? {} : { tickMinStep: 1 }) },
    scale: {
      zero: true,
      ...(showLabels
        ? { domainMax: { expr: labelRoomExpression(values, options.percent ? 0.05 : 0, options.textWidth) } }
        : options.percent
          ? { domain: [0, Math.max(0.05, ...data.map((d) => d.value))] }
          : {}),
    },
  } as const;
  const color = grouped
    ? {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: { domain: [...series], range: CATEGORICAL.slice(0, series.length) },
      }
    : { value: options.color ?? OKABE_ITO.blue };
  return {
    data: { values },
    encoding: { y, ...(grouped ? { yOffset: { field: 'series', type: 'nominal', sort: [...series] } } : {}) },
    layer: [
      { mark: { type: 'bar', cornerRadiusEnd: 2 }, encoding: { x, color } },
      ...(showLabels
        ? [
            {
              mark: { type: 'text', align: 'left', baseline: 'middle', dx: LABEL_GAP, color: INK.text },
              encoding: { x: { field: 'value', type: 'quantitative' }, text: { field: 'label', type: 'nominal' } },
            } as const,
          ]
        : []),
    ],
  };
}

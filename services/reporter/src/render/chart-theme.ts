import type { Config } from 'vega-lite';
import { CATEGORICAL, CHART_TEXT, INK } from '@mlops/charts';
import { CHART_FONT_FAMILY } from './fonts.js';

/**
 * The vega-lite config every report chart is rendered with: the embedded font, fixed sizes,
 * muted axes and grid, the colour-blind-safe categorical range and no view border.
 */
export const CHART_CONFIG: Config = {
  font: CHART_FONT_FAMILY,
  background: 'white',
  padding: 4,
  view: { stroke: null },
  range: { category: [...CATEGORICAL] },
  axis: {
    labelFont: CHART_FONT_FAMILY,
    titleFont: CHART_FONT_FAMILY,
    labelFontSize: CHART_TEXT.label,
    titleFontSize: CHART_TEXT.title,
    titleFontWeight: 'bold',
    labelColor: INK.muted,
    titleColor: INK.text,
    domainColor: INK.faint,
    tickColor: INK.faint,
    gridColor: INK.rule,
    titlePadding: 8,
    labelLimit: 180,
  },
  legend: {
    labelFont: CHART_FONT_FAMILY,
    titleFont: CHART_FONT_FAMILY,
    labelFontSize: CHART_TEXT.label,
    titleFontSize: CHART_TEXT.title,
    labelColor: INK.text,
    titleColor: INK.text,
    orient: 'top',
    symbolSize: 90,
    labelLimit: 220,
  },
  title: { font: CHART_FONT_FAMILY, fontSize: 12, color: INK.text, anchor: 'start' },
  text: { font: CHART_FONT_FAMILY, fontSize: CHART_TEXT.mark, color: INK.text },
  header: { labelFont: CHART_FONT_FAMILY, titleFont: CHART_FONT_FAMILY },
};

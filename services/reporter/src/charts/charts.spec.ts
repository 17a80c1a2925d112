import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { renderChartSvg } from '../render/vega-svg.js';
import { barChart } from './bar-chart.js';
import { classMetricsChart } from './class-metrics-chart.js';
import { confusionHeatmap } from './confusion-heatmap.js';
import { deltaBars } from './delta-bars.js';
import { histogramChart } from './histogram-chart.js';
import { learningCurveChart } from './learning-curve-chart.js';
import { parallelCoordinates } from './parallel-coordinates.js';
import { reliabilityChart } from './reliability-chart.js';

const classes = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    label: `class-${i}`,
    precision: 0.5 + i / 50,
    recall: 0.9 - i / 40,
    f1: 0.6 + ((i * 7) % 10) / 30,
  }));

const specs: Record<string, TopLevelSpec> = {
  bars: barChart(
    [
      { category: 'a', value: 3 },
      { category: 'b', value: 5 },
    ],
    { valueTitle: 'Texts' },
  ),
  groupedBars: barChart(
    [
      { category: 'a', value: 0.4, series: 'Training' },
      { category: 'a', value: 0.5, series: 'Test' },
    ],
    { valueTitle: 'Share', percent: true },
  ),
  classMetrics: classMetricsChart(classes(4)),
  classMetricsMany: classMetricsChart(classes(20)),
  heatmap: confusionHeatmap({
    labels: ['a', 'b', 'c'],
    matrix: [
      [5, 1, 0],
      [2, 7, 1],
      [0, 0, 9],
    ],
  }),
  reliability: reliabilityChart([
    { lower: 0, upper: 0.5, count: 0, accuracy: 0, meanConfidence: 0 },
    { lower: 0.5, upper: 1, count: 9, accuracy: 0.8, meanConfidence: 0.9 },
  ]),
  learningCurve: learningCurveChart(
    [
      { epoch: 1, trainLoss: 1, validationLoss: 0.9, validationMacroF1: 0.6 },
      { epoch: 2, trainLoss: 0.6, validationLoss: 0.7, validationMacroF1: 0.8 },
    ],
    2,
  ),
  learningCurveWithoutValidation: learningCurveChart(
    [{ epoch: 1, trainLoss: 1, validationLoss: null, validationMacroF1: null }],
    null,
  ),
  histogram: histogramChart(
    [
      { from: 0, to: 10, share: 0.3 },
      { from: 10, to: 40, share: 0.7 },
    ],
    { valueTitle: 'Length', unit: 10, things: 'texts', unitName: 'characters' },
  ),
  deltas: deltaBars(
    [
      { category: 'a', delta: 0.05, low: -0.01, high: 0.1 },
      { category: 'b', delta: -0.02 },
    ],
    'Change',
  ),
  parallel: parallelCoordinates(
    ['lr', 'epochs'],
    [
      { id: 't1', values: { lr: 0.01, epochs: 3 }, objective: 0.8 },
      { id: 't2', values: { lr: 0.05, epochs: 6 }, objective: 0.9 },
    ],
    'macro-F1',
  ),
};

describe('chart specs', () => {
  it.each(Object.entries(specs))('%s renders to SVG without a vega warning', async (_name, spec) => {
    const warnings: string[] = [];
    const svg = await renderChartSvg(spec, { width: 420, height: 260 }, (warning) => warnings.push(warning));
    expect(warnings).toEqual([]);
    expect(svg).toMatch(/^<svg[^>]* width="420" height="260"/);
    expect(svg).toContain('font-family="DejaVu Sans"');
  });

  it('are plain JSON, free of PDF concerns, and the same for the same data', () => {
    expect(JSON.parse(JSON.stringify(specs))).toEqual(specs);
    expect(classMetricsChart(classes(4))).toEqual(classMetricsChart(classes(4)));
  });

  it('sort the classes by F1, best first', () => {
    const spec = classMetricsChart([
      { label: 'low', precision: 0.5, recall: 0.5, f1: 0.5 },
      { label: 'high', precision: 0.9, recall: 0.9, f1: 0.9 },
    ]) as { encoding: { y: { sort: string[] } } };
    expect(spec.encoding.y.sort).toEqual(['high', 'low']);
  });

  it('label each heatmap cell with its count and its share of the row', () => {
    const spec = confusionHeatmap({
      labels: ['a', 'b'],
      matrix: [
        [3, 1],
        [0, 4],
      ],
    }) as { data: { values: { text: string[] }[] } };
    expect(spec.data.values.map((cell) => cell.text)).toEqual([
      ['3', '75%'],
      ['1', '25%'],
      ['0', '0%'],
      ['4', '100%'],
    ]);
  });

  it('render the same SVG twice', async () => {
    const spec = specs.heatmap ?? barChart([], { valueTitle: 'x' });
    const size = { width: 300, height: 200 };
    expect(await renderChartSvg(spec, size)).toBe(await renderChartSvg(spec, size));
  });
});

import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { CHART_CONFIG } from '../render/chart-theme.js';
import { textWidth } from '../render/text-metrics.js';
import { renderChartSvg } from '../render/vega-svg.js';
import {
  CHART_TEXT,
  barChart,
  classMetricsChart,
  confusionHeatmap,
  cutWhiskers,
  deltaBars,
  deltaExtent,
  histogramChart,
  learningCurveChart,
  parallelCoordinates,
  reliabilityChart,
} from '@mlops/charts';

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

/** The laid-out view of a spec as `renderChartSvg` lays it out (its text metrics installed first). */
async function laidOut(spec: TopLevelSpec, width: number, height: number): Promise<vega.View> {
  await renderChartSvg(spec, { width, height });
  const sized = { ...spec, width, height, autosize: { type: 'fit', contains: 'padding' }, config: CHART_CONFIG };
  const view = new vega.View(vega.parse(compile(sized as TopLevelSpec).spec), { renderer: 'none' });
  await view.runAsync();
  return view;
}

/** The texts of the y axis's labels in an SVG. */
function yAxisLabels(svg: string): string[] {
  const axis = /aria-label="Y-axis[^"]*"[\s\S]*?role-axis-label[^>]*>([\s\S]*?)<\/g>/.exec(svg)?.[1] ?? '';
  return [...axis.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1] ?? '');
}

describe('chart layout', () => {
  it('leaves room after every bar for its label inside the plot', async () => {
    const data = [
      { category: 'noun.plant → noun.animal', value: 83, label: '83 (5% of noun.plant)' },
      { category: 'noun.act → noun.communication', value: 72, label: '72 (5% of noun.act)' },
      { category: 'noun.communication → noun.cognition', value: 38, label: '38 (3% of noun.communication)' },
    ];
    const view = await laidOut(barChart(data, { valueTitle: 'Test texts', textWidth }), 460, 300);
    const x = view.scale('x') as (value: number) => number;
    for (const datum of data) {
      expect(x(datum.value) + 4 + textWidth(datum.label, CHART_TEXT.mark)).toBeLessThanOrEqual(view.width());
    }
  });

  it('draws a point at 100% inside the per-class plot', async () => {
    const view = await laidOut(classMetricsChart(classes(20)), 460, 400);
    const x = view.scale('x') as (value: number) => number;
    expect(x(1) + 5).toBeLessThan(view.width());
  });

  it('gives the text-length histogram percent ticks that are all different', async () => {
    const bins = [290, 492, 659, 827, 1030, 1234, 1561, 2157, 3621].map((to, index, edges) => ({
      from: index === 0 ? 88 : (edges[index - 1] ?? 0),
      to,
      share: 0.1,
    }));
    const svg = await renderChartSvg(
      histogramChart(bins, { valueTitle: 'Length', unit: 100, things: 'texts', unitName: 'characters' }),
      { width: 460, height: 300 },
    );
    const labels = yAxisLabels(svg);
    expect(labels.length).toBeGreaterThan(3);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('puts the kept-epoch label over the plot, where no curve runs', () => {
    const spec = learningCurveChart(
      [1, 2, 3, 4, 5].map((epoch) => ({ epoch, trainLoss: 1 / epoch, validationLoss: 1, validationMacroF1: 0.9 })),
      5,
    ) as { layer: { layer?: { mark: { type: string; y?: number; baseline?: string; align?: string } }[] }[] };
    const label = spec.layer.flatMap((layer) => layer.layer ?? []).find((layer) => layer.mark.type === 'text');
    expect(label?.mark).toMatchObject({ y: 0, baseline: 'bottom', align: 'right' });
  });
});

describe('deltaExtent', () => {
  const typical = Array.from({ length: 24 }, (_, i) => ({
    category: `c${i}`,
    delta: 0.01 + i / 1000,
    low: -0.02,
    high: 0.05,
  }));
  const wide = [
    { category: 'small-a', delta: 0.12, low: -0.32, high: 0.55 },
    { category: 'small-b', delta: -0.18, low: -0.68, high: 0.4 },
  ];

  it('fits the typical intervals and every bar, not the widest whiskers', () => {
    const extent = deltaExtent([...typical, ...wide]);
    expect(extent).toBeCloseTo(0.18, 10);
    expect(cutWhiskers([...typical, ...wide]).map((d) => d.category)).toEqual(['small-a', 'small-b']);
  });

  it('shows every whisker whole when they are alike', () => {
    expect(deltaExtent(typical)).toBeCloseTo(0.05, 10);
    expect(cutWhiskers(typical)).toEqual([]);
    expect(deltaExtent([{ category: 'a', delta: 0 }])).toBe(0.01);
  });
});

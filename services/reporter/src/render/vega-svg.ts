import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG } from './chart-theme.js';
import { FONT, type FontName } from './fonts.js';
import { textWidth } from './text-metrics.js';

/** The size a chart is rendered at, in points (the SVG's pixels, drawn at scale 1). */
export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

/** What vega's scenegraph passes to its text-width function. */
interface TextItem {
  readonly fontSize?: number | string;
  readonly fontWeight?: number | string;
  readonly limit?: number;
}

/** vega-scenegraph's `textMetrics` (exported at run time, absent from vega's typings). */
interface TextMetrics {
  width: (item: TextItem, text: unknown) => number;
}

let metricsInstalled = false;

function fontOf(item: TextItem): FontName {
  const weight = item.fontWeight;
  return weight === 'bold' || (typeof weight === 'number' && weight >= 600) ? FONT.bold : FONT.regular;
}

/**
 * Makes vega lay out text with the advance widths of the embedded DejaVu fonts instead of its
 * rough headless estimate (0.8 × size per character), so labels are truncated, spaced and aligned
 * for the font the PDF really draws. Vega documents `textMetrics.width` as replaceable.
 */
function installTextMetrics(): void {
  if (metricsInstalled) return;
  const { textMetrics } = vega as unknown as { readonly textMetrics?: TextMetrics };
  if (!textMetrics) throw new Error('vega no longer exports textMetrics: chart text cannot be measured');
  textMetrics.width = (item, text) => {
    const size = item.fontSize === undefined ? 11 : Number(item.fontSize) || 0;
    const value = typeof text === 'string' ? text : typeof text === 'number' ? String(text) : '';
    if (size <= 0 || value === '') return 0;
    const width = textWidth(value.trim(), size, fontOf(item));
    // Vega truncates a text longer than its limit with this same function; a truncated text is
    // as wide as the limit at most, which is what its bounds must reserve.
    return item.limit !== undefined && item.limit > 0 ? Math.min(width, item.limit) : width;
  };
  metricsInstalled = true;
}

/** Receives vega-lite's and vega's warnings (default: dropped, the report renders regardless). */
export type ChartWarnings = (message: string) => void;

function collectingLogger(onWarning: ChartWarnings): vega.LoggerInterface {
  const logger = vega.logger(vega.Warn);
  const forward = (...args: readonly unknown[]): typeof logger => {
    onWarning(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
    return logger;
  };
  logger.warn = forward;
  logger.info = () => logger;
  logger.debug = () => logger;
  return logger;
}

/**
 * Renders a vega-lite spec to an SVG string of exactly `size`, headless (vega's View with the
 * `none` renderer), with the report chart theme merged under the spec's own config. Deterministic:
 * SVG definition ids are reset before each render and no clock or random source is read. Warnings
 * go to `onWarning` instead of the console.
 */
export async function renderChartSvg(
  spec: TopLevelSpec,
  size: ChartSize,
  onWarning: ChartWarnings = () => undefined,
): Promise<string> {
  installTextMetrics();
  // A copy: vega tags the data objects it ingests, and the caller's spec stays reusable.
  const sized = {
    ...structuredClone(spec),
    width: Math.round(size.width),
    height: Math.round(size.height),
    autosize: { type: 'fit', contains: 'padding' },
    config: { ...CHART_CONFIG, ...spec.config },
  } as TopLevelSpec;
  const logger = collectingLogger(onWarning);
  const view = new vega.View(vega.parse(compile(sized, { logger }).spec), { renderer: 'none', logger });
  try {
    vega.resetSVGDefIds();
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

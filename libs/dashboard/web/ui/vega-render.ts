import { CATEGORICAL, INK } from '@mlops/charts';
import { View, parse } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type Config, type TopLevelSpec } from 'vega-lite';

/** The system font stack of the dashboard (nothing is downloaded). */
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** The page's counterpart of the PDF's chart theme: same palette and inks, the system font. */
const CONFIG: Config = {
  font: FONT,
  background: 'white',
  padding: 4,
  view: { stroke: null },
  range: { category: [...CATEGORICAL] },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'bold',
    labelColor: INK.muted,
    titleColor: INK.text,
    domainColor: INK.faint,
    tickColor: INK.faint,
    gridColor: INK.rule,
    titlePadding: 8,
    labelLimit: 180,
  },
  legend: { labelFontSize: 11, titleFontSize: 12, labelColor: INK.text, titleColor: INK.text, orient: 'top' },
  text: { fontSize: 11, color: INK.text },
};

interface VegaMark {
  aria?: boolean;
  marks?: VegaMark[];
}

/**
 * Leaves every mark out of the accessibility tree (vega's `aria: false`): the chart's container is
 * an image labelled with what the figure shows, and marks vega-lite adds without a description
 * (a selection's brush, rules, text layers) would otherwise be unnamed images (axe: svg-img-alt).
 */
function withoutMarkRoles<T extends { marks?: VegaMark[] }>(spec: T): T {
  const hide = (marks: VegaMark[] | undefined): VegaMark[] | undefined =>
    marks?.map((mark) => ({ ...mark, aria: false, ...(mark.marks ? { marks: hide(mark.marks) } : {}) }));
  return { ...spec, ...(spec.marks ? { marks: hide(spec.marks) } : {}) };
}

/**
 * Draws a @mlops/charts spec into `element` as SVG, `width` wide (the spec's own height kept), and
 * returns the vega view (listen to clicks with `view.addEventListener`; call `finalize` when done).
 */
export async function renderSpec(element: HTMLElement, spec: TopLevelSpec, width: number): Promise<View> {
  const compiled = withoutMarkRoles(compile({ width, height: 260, ...spec }, { config: CONFIG }).spec);
  // The AST and its interpreter rather than vega's `Function` code generation: no 'unsafe-eval' in the page's CSP.
  const view = new View(parse(compiled, undefined, { ast: true }), {
    renderer: 'svg',
    container: element,
    hover: true,
    expr: expressionInterpreter,
  });
  await view.runAsync();
  return view;
}

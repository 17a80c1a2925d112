import { SlideDeck } from '../../render/deck.js';
import { below, splitColumns } from '../../render/layout.js';
import { counted } from '../format.js';
import { paritySentence, timingSentence } from '../sentences.js';
import type { ConfigView, LineageView, Part } from '../view-model.js';

/** The lineage as label/value rows (shared with the comparison report). */
export function lineageRows(lineage: LineageView): { key: string; value: string }[] {
  const unknown = 'not in the manifest';
  const environment = lineage.environment
    ? Object.entries(lineage.environment)
        .map(([key, value]) => `${key} ${value}`)
        .join(', ')
    : unknown;
  return [
    {
      key: 'Dataset',
      value: lineage.dataset ? `${lineage.dataset.name}, version ${lineage.dataset.version}` : unknown,
    },
    { key: 'Dataset content hash', value: lineage.dataset?.contentHash ?? unknown },
    { key: 'Seed', value: lineage.seed === null ? unknown : String(lineage.seed) },
    { key: 'Code version', value: lineage.codeVersion ?? unknown },
    { key: 'Training job / run', value: `${lineage.jobId ?? 'none'} / ${lineage.runId ?? 'none'}` },
    { key: 'Environment', value: environment },
    { key: 'ONNX parity', value: lineage.parity ? paritySentence(lineage.parity) : unknown },
    {
      key: 'Artifact checksums',
      value:
        lineage.artifacts.length > 0
          ? lineage.artifacts.map((a) => `${a.name}  sha256 ${a.sha256}`).join('\n')
          : unknown,
    },
    { key: 'Run time', value: lineage.timings ? timingSentence(lineage.timings) : unknown },
  ];
}

/** Slide 7: where the version comes from. */
export function lineageSlide(deck: SlideDeck, lineage: LineageView): void {
  const headline =
    lineage.dataset && lineage.seed !== null
      ? `Trained on ${lineage.dataset.name} v${lineage.dataset.version} with seed ${lineage.seed}: the same data, config, seed and code version give the same model.`
      : 'Where this version comes from, as far as its manifest records it.';
  const box = deck.addSlide({ section: 'Lineage', title: 'Where this model comes from', headline });
  const used = deck.keyValues(box, lineageRows(lineage), 170, 10.5);
  if (lineage.missing.length > 0) {
    deck.note(below(box, used, 10), `The manifest lacks: ${lineage.missing.join('; ')}.`, 'Partly missing');
  }
}

/** Slide 7b: the resolved config as a compact two-column table. */
export function configSlide(deck: SlideDeck, config: Part<ConfigView>): void {
  const heading = { section: 'Lineage', title: 'Training settings' };
  if (!config.available) {
    deck.note(deck.addSlide(heading), config.missing);
    return;
  }
  const box = deck.addSlide({
    ...heading,
    headline: `The resolved config of the run (${counted(config.value.rows.length, 'setting')}, defaults included). The full JSON is in the appendix.`,
  });
  const half = Math.ceil(config.value.rows.length / 2);
  const parts = [config.value.rows.slice(0, half), config.value.rows.slice(half)];
  splitColumns(box, [1, 1], 28).forEach((column, index) => {
    const rows = parts[index] ?? [];
    if (rows.length === 0) return;
    deck.table(
      column,
      {
        size: 8.5,
        columns: [
          { header: 'Setting', weight: 2 },
          { header: 'Value', weight: 1.3 },
        ],
        rows: rows.map((r) => [r.key, r.value]),
      },
      heading,
    );
  });
}

/** The appendix: the resolved config as pretty-printed JSON, two columns per slide, paginated. */
export function configAppendix(deck: SlideDeck, config: Part<ConfigView>): void {
  if (!config.available) return;
  const lines = config.value.json;
  const capacity = SlideDeck.listingCapacity(SlideDeck.contentArea(SlideDeck.HEADLESS_CONTENT_TOP).height);
  // As few pages as needed, the lines spread evenly over them (no page with a lone brace).
  const pageCount = Math.max(1, Math.ceil(lines.length / (capacity * 2)));
  const perColumn = Math.ceil(lines.length / pageCount / 2);
  const pages: (readonly string[])[] = [];
  for (let start = 0; start < lines.length; start += perColumn * 2)
    pages.push(lines.slice(start, start + perColumn * 2));
  pages.forEach((page, index) => {
    const suffix = pages.length > 1 ? ` (${index + 1}/${pages.length})` : '';
    const area = deck.addSlide({ section: 'Appendix', title: `Resolved training config, JSON${suffix}` });
    const [left, right] = splitColumns(area, [1, 1], 28);
    if (!left || !right) return;
    deck.listing(left, page.slice(0, perColumn));
    deck.listing(right, page.slice(perColumn));
  });
}

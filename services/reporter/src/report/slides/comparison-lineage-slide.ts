import type { SlideDeck } from '../../render/deck.js';
import { INK } from '@mlops/charts';
import { counted } from '../format.js';
import type { ComparisonReportModel } from '../view-model.js';
import { lineageRows } from './lineage-slides.js';

/** The lineage of both versions side by side, the rows that differ in colour. */
export function comparisonLineageSlide(deck: SlideDeck, model: ComparisonReportModel): void {
  const [rowsA, rowsB] = [lineageRows(model.lineageA), lineageRows(model.lineageB)];
  const configA = model.configA.available ? new Map(model.configA.value.rows.map((r) => [r.key, r.value])) : undefined;
  const configB = model.configB.available ? new Map(model.configB.value.rows.map((r) => [r.key, r.value])) : undefined;
  const configRows =
    configA && configB
      ? [...new Set([...configA.keys(), ...configB.keys()])]
          .filter((key) => configA.get(key) !== configB.get(key))
          .map((key) => [key, configA.get(key) ?? '—', configB.get(key) ?? '—'])
      : [];
  const rows = [...rowsA.map((row, index) => [row.key, row.value, rowsB[index]?.value ?? '']), ...configRows];
  const differing = configRows.length;
  const heading = { section: 'Lineage', title: 'Where both versions come from' };
  const box = deck.addSlide({
    ...heading,
    headline:
      configA && configB
        ? differing === 0
          ? 'Both versions were trained with the same settings; differences below come from data, seed, code or environment.'
          : `The settings differ in ${counted(differing, 'place')}, listed last; values that differ are in blue.`
        : 'A manifest lacks its config, so the settings cannot be compared.',
  });
  deck.table(
    box,
    {
      size: 8.5,
      columns: [
        { header: '', weight: 1.8 },
        { header: `A (v${model.comparison.a.version})`, weight: 3, maxLines: 4 },
        { header: `B (v${model.comparison.b.version})`, weight: 3, maxLines: 4 },
      ],
      rows,
      cellColor: (row, column) => (column > 0 && rows[row]?.[1] !== rows[row]?.[2] ? INK.accent : undefined),
    },
    heading,
  );
}

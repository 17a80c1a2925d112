import type { SlideDeck } from '../../render/deck.js';
import { FONT } from '../../render/fonts.js';
import { below } from '../../render/layout.js';
import { INK } from '@mlops/charts';
import { columnWidthFor, type TableColumn } from '../../render/table.js';
import { count, percent } from '../format.js';
import { quoted } from '../sentences.js';
import type { ErrorExamples, RunReportModel } from '../view-model.js';
import { partSlide } from './slide-kit.js';

const HEADING = { section: 'Errors', title: 'Its worst mistakes, with examples' } as const;

/** Longest example text drawn (the cell then wraps to two lines and cuts with an ellipsis). */
const TEXT_LIMIT = 240;

/** A text shortened to `limit` characters at a word boundary, on one line. */
export function shortText(text: string, limit = TEXT_LIMIT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= limit) return flat;
  const cut = flat.slice(0, limit);
  const space = cut.lastIndexOf(' ');
  return `${(space > limit * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The headline of the errors slide. */
export function errorsSentence(errors: ErrorExamples): string {
  const top = errors.pairs[0];
  if (!top) return 'The model made no mistake on the test set.';
  return `The most frequent mistake is ${quoted(top.truth)} taken for ${quoted(top.predicted)} (${count(top.count)} times). Below, the texts the model got wrong while being most sure of itself.`;
}

const SIZE = 9.5;

/**
 * The columns of the errors table, as wide as their contents need: ids whole on one line (two
 * when longer than a quarter of the table), class pairs on one line or wrapped after the arrow,
 * the example text in what is left.
 */
export function errorColumns(rows: readonly (readonly string[])[], width: number): TableColumn[] {
  const cells = (column: number) => rows.map((row) => row[column] ?? '');
  const headers = ['True class → predicted', 'Times', 'Example id', 'Sure at', 'Text'] as const;
  const need = (column: number, cap: number) =>
    Math.min(
      cap,
      Math.max(columnWidthFor([headers[column] ?? ''], SIZE, FONT.bold), columnWidthFor(cells(column), SIZE)),
    );
  // A pair wraps after its arrow: its column needs the longer of the two halves, or the whole pair when that fits.
  const halves = cells(0).flatMap((pair) => pair.split(/(?<=→) /));
  const pair = Math.max(need(0, width * 0.24), Math.min(columnWidthFor(halves, SIZE), width * 0.3));
  const id = need(2, width * 0.25);
  const times = need(1, width);
  const sure = need(3, width);
  return [
    { header: headers[0], weight: pair, maxLines: 2 },
    { header: headers[1], weight: times, align: 'right' },
    { header: headers[2], weight: id, maxLines: 2 },
    { header: headers[3], weight: sure, align: 'right' },
    { header: headers[4], weight: Math.max(width * 0.3, width - pair - times - id - sure), maxLines: 2 },
  ];
}

/** Slide 5: the worst confusions with their most confident wrong examples (texts when given). */
export async function errorsSlide(deck: SlideDeck, model: RunReportModel): Promise<void> {
  await partSlide(deck, HEADING, model.errors, errorsSentence, (box, errors) => {
    if (errors.pairs.length === 0) {
      deck.note(box, 'No test text was misclassified, so there is no example to show.', 'No mistakes');
      return;
    }
    let rest = box;
    if (!errors.textsAvailable) {
      rest = below(
        rest,
        deck.text(
          rest,
          'Example texts were not available to this report: the ids below refer to the dataset version the model was tested on.',
          {
            size: 10.5,
            color: INK.muted,
          },
        ),
        10,
      );
    }
    const rows = errors.pairs.flatMap((pair) =>
      (pair.examples.length > 0 ? pair.examples : [null]).map((example, index) => [
        index === 0 ? `${pair.truth} → ${pair.predicted}` : '',
        index === 0 ? count(pair.count) : '',
        example?.id ?? '—',
        example ? percent(example.confidence, 0) : '—',
        example?.text ? shortText(example.text) : example ? 'text not available' : 'no example recorded',
      ]),
    );
    const groupStarts = new Set(rows.flatMap((row, index) => (row[0] ? [index] : [])));
    deck.table(
      rest,
      {
        size: SIZE,
        columns: errorColumns(rows, rest.width),
        rows,
        cellColor: (_row, column) => (column === 4 || column === 2 ? INK.muted : undefined),
        groupStarts,
      },
      HEADING,
    );
  });
}

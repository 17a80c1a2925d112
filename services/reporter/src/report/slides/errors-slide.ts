import type { SlideDeck } from '../../render/deck.js';
import { below } from '../../render/layout.js';
import { INK } from '../../render/palette.js';
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
    deck.table(
      rest,
      {
        size: 9.5,
        columns: [
          { header: 'True class → predicted', weight: 2.2 },
          { header: 'Times', weight: 0.7, align: 'right' },
          { header: 'Example id', weight: 1.3 },
          { header: 'Sure at', weight: 0.8, align: 'right' },
          { header: 'Text', weight: 6, maxLines: 2 },
        ],
        rows,
        cellColor: (_row, column) => (column === 4 || column === 2 ? INK.muted : undefined),
      },
      HEADING,
    );
  });
}

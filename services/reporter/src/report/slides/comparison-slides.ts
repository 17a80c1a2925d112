import { cutWhiskers, deltaBars, CHANGE, INK } from '@mlops/charts';
import type { SlideDeck } from '../../render/deck.js';
import { below, splitColumns } from '../../render/layout.js';
import {
  comparisonSentences,
  agreementSentences,
  classChangeSentence,
  confusionChangeSentence,
} from '../comparison-sentences.js';
import { count, points, pointsInterval, score } from '../format.js';
import { quoted } from '../sentences.js';
import type { ComparisonSection } from '../view-model.js';
import { barsHeight, partSlide } from './slide-kit.js';

/** Slide: overall scores of both versions with the change and its interval. */
async function overallSlide(deck: SlideDeck, comparison: ComparisonSection, section: string): Promise<void> {
  const heading = { section, title: `${capitalised(comparison.bName)} against ${comparison.aName}` };
  await partSlide(
    deck,
    heading,
    comparison.overall,
    (rows) => comparisonSentences(comparison, rows)[0] ?? '',
    async (box, rows) => {
      const rest = deck.table(
        { ...box, width: Math.min(box.width, 640) },
        {
          size: 11.5,
          columns: [
            { header: 'Metric', weight: 1.2 },
            { header: comparison.aShort, weight: 1.4, align: 'right' },
            { header: comparison.bShort, weight: 1.4, align: 'right' },
            { header: 'Change', weight: 1.1, align: 'right' },
            { header: '95% interval of the change', weight: 2.2, align: 'right' },
          ],
          rows: rows.map((row) => [
            row.name,
            score(row.a),
            score(row.b),
            points(row.delta),
            row.interval ? pointsInterval(row.interval) : '—',
          ]),
          cellColor: (row, column) => {
            const delta = rows[row]?.delta ?? 0;
            return column === 3 ? (delta > 0 ? CHANGE.better : delta < 0 ? CHANGE.worse : undefined) : undefined;
          },
        },
        heading,
      );
      const [chart, notes] = splitColumns(below(rest, 0, 24), [3, 2], 32);
      if (!chart || !notes) return;
      const area = deck.caption(chart, 'Change, with its 95% interval (points)');
      await deck.chart(
        { ...area, height: barsHeight(area.height, rows.length) },
        deltaBars(
          rows.map((row) => ({
            category: row.name,
            delta: row.delta,
            low: row.interval?.low,
            high: row.interval?.high,
          })),
          `${capitalised(comparison.bName)} − ${comparison.aName} (points)`,
        ),
      );
      deck.paragraphs(notes, comparisonSentences(comparison, rows).slice(1), { size: 11.5, lineGap: 3 });
    },
  );
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Slide: per-class F1 changes as diverging bars with intervals. */
async function perClassSlide(deck: SlideDeck, comparison: ComparisonSection, section: string): Promise<void> {
  await partSlide(
    deck,
    { section, title: 'Change per class' },
    comparison.perClass,
    (rows) => classChangeSentence(rows),
    async (box, rows) => {
      const [chart, notes] = splitColumns(box, [3, 1]);
      if (!chart || !notes) return;
      const sorted = rows
        .filter((row) => row.delta !== null)
        .sort((x, y) => (y.delta ?? 0) - (x.delta ?? 0) || (x.label < y.label ? -1 : 1));
      const deltas = sorted.map((row) => ({
        category: row.label,
        delta: row.delta ?? 0,
        low: row.interval?.low,
        high: row.interval?.high,
      }));
      await deck.chart(
        { ...chart, height: barsHeight(chart.height, sorted.length) },
        deltaBars(deltas, `Change of F1, ${comparison.bName} − ${comparison.aName} (points)`),
      );
      const cut = cutWhiskers(deltas);
      const onlyOne = rows.filter((row) => row.delta === null).map((row) => row.label);
      deck.paragraphs(
        notes,
        [
          'Bars to the right: the class got better; to the left: worse.',
          'Whiskers are 95% bootstrap intervals: a change whose whisker crosses 0 may be chance.',
          ...(cut.length > 0
            ? [
                `The axis fits the typical changes: the widest ${cut.length === 1 ? 'interval' : 'intervals'}, of ${cut.map((d) => quoted(d.category)).join(', ')}, ${cut.length === 1 ? 'runs' : 'run'} past it (arrowhead); the full intervals are in the CSV export.`,
              ]
            : []),
          ...(onlyOne.length > 0 ? [`Classes in one version only: ${onlyOne.join(', ')}.`] : []),
        ],
        { size: 10.5, color: INK.muted },
      );
    },
  );
}

/** Slide: confusions that appeared, disappeared or changed, and the agreement when given. */
async function confusionChangesSlide(deck: SlideDeck, comparison: ComparisonSection, section: string): Promise<void> {
  const heading = { section, title: 'Mistakes that appeared or disappeared' };
  await partSlide(deck, heading, comparison.confusionChanges, confusionChangeSentence, (box, changes) => {
    const [left, right] = splitColumns(box, [3, 2], 32);
    if (!left || !right) return;
    const rows = [
      ...changes.appeared.map((c) => ['appeared', `${c.truth} → ${c.predicted}`, count(c.a), count(c.b)]),
      ...changes.disappeared.map((c) => ['disappeared', `${c.truth} → ${c.predicted}`, count(c.a), count(c.b)]),
      ...changes.changed.map((c) => [
        c.b > c.a ? 'more frequent' : 'less frequent',
        `${c.truth} → ${c.predicted}`,
        count(c.a),
        count(c.b),
      ]),
    ];
    // The agreement first: it stays on the first slide when the table continues on another.
    const agreement = comparison.agreement;
    const side = deck.caption(right, 'Agreement on the same test texts');
    if (!agreement)
      deck.note(
        side,
        'The predictions of both versions on the same texts were not given to this report, so their agreement is unknown.',
      );
    else deck.paragraphs(side, agreementSentences(agreement, comparison), { size: 11.5, lineGap: 3 });
    if (rows.length === 0)
      deck.note(left, 'Both versions make exactly the same kinds of mistakes, as often.', 'No change');
    else
      deck.table(
        left,
        {
          columns: [
            { header: 'Change', weight: 1.3 },
            { header: 'True class → predicted', weight: 2.6, maxLines: 2 },
            { header: comparison.aShort, weight: 1.2, align: 'right' },
            { header: comparison.bShort, weight: 1.2, align: 'right' },
          ],
          rows,
          cellColor: (row, column) => {
            const kind = rows[row]?.[0];
            if (column !== 0) return undefined;
            return kind === 'appeared' || kind === 'more frequent' ? CHANGE.worse : CHANGE.better;
          },
        },
        heading,
      );
  });
}

/** The comparison slides: overall, per class, confusion changes with agreement. */
export async function comparisonSlides(
  deck: SlideDeck,
  comparison: ComparisonSection,
  section = 'Comparison',
): Promise<void> {
  await overallSlide(deck, comparison, section);
  await perClassSlide(deck, comparison, section);
  await confusionChangesSlide(deck, comparison, section);
}

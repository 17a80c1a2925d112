import { barChart, type BarDatum, histogramChart, INK } from '@mlops/charts';
import type { SlideDeck } from '../../render/deck.js';
import { below, splitColumns } from '../../render/layout.js';
import { textWidth } from '../../render/text-metrics.js';
import { count, counted, percent } from '../format.js';
import { valueOf } from '../part.js';
import { balanceSentence, dataSentence, preparationSentence, textLengthSentence } from '../sentences.js';
import type { RunReportModel, ShareBin } from '../view-model.js';
import { partSlide } from './slide-kit.js';

const SECTION = 'Data';

/** Slide 3a: label shares in training, validation (when known) and test, as grouped bars. */
async function labelsSlide(deck: SlideDeck, model: RunReportModel): Promise<void> {
  await partSlide(
    deck,
    { section: SECTION, title: 'Which classes the model learned' },
    model.labelDistribution,
    (labels) => `${dataSentence(labels, valueOf(model.preparation))} ${balanceSentence(labels)}`.trim(),
    async (box, labels) => {
      const series: [string, (row: (typeof labels.rows)[number]) => number | null][] = [
        ['Training', (row) => row.train],
        ['Validation', (row) => row.validation],
        ['Test', (row) => row.test],
      ];
      const present = series.filter(([, pick]) => labels.rows.some((row) => pick(row) !== null));
      const bars: BarDatum[] = labels.rows.flatMap((row) =>
        present.flatMap(([name, pick]) => {
          const value = pick(row);
          return value === null ? [] : [{ category: row.label, value, series: name }];
        }),
      );
      const [chart, side] = splitColumns(box, [3, 1]);
      if (!chart || !side) return;
      await deck.chart(
        chart,
        barChart(bars, {
          valueTitle: 'Share of the texts of each set',
          percent: true,
          labels: labels.rows.length <= 8,
          textWidth,
        }),
      );
      deck.paragraphs(
        side,
        [
          'Each bar is the share of a set’s texts that carry the class.',
          'Training and test shares should be close: the split keeps each class’s proportion.',
          'A class with few texts is usually harder to learn.',
        ],
        { size: 10.5, color: INK.muted },
      );
    },
  );
}

/** Slide 3b: what the adapters and filterers dropped and why, and the split sizes. */
async function preparationSlide(deck: SlideDeck, model: RunReportModel): Promise<void> {
  await partSlide(
    deck,
    { section: SECTION, title: 'How the data was prepared' },
    model.preparation,
    (preparation) => preparationSentence(preparation),
    async (box, preparation) => {
      const [left, right] = splitColumns(box, [3, 2], 32);
      if (!left || !right) return;
      const rest = deck.caption(left, 'Preparation steps, in order');
      if (preparation.steps.length === 0)
        deck.note(rest, 'No adapter or filterer was configured for this run.', 'Nothing to show');
      else
        deck.table(
          rest,
          {
            columns: [
              { header: 'Step', weight: 2.2 },
              { header: 'Rows in', weight: 1.1, align: 'right' },
              { header: 'Rows out', weight: 1.2, align: 'right' },
              { header: 'Dropped, and why', weight: 2.8, maxLines: 3 },
            ],
            rows: preparation.steps.map((step) => [
              step.step.replace(':', ': ').replaceAll('_', ' '),
              count(step.rowsIn),
              count(step.rowsOut),
              step.dropped.length === 0
                ? 'none'
                : step.dropped.map((d) => `${d.reason.replaceAll('_', ' ')}: ${count(d.count)}`).join(', '),
            ]),
          },
          { section: SECTION, title: 'How the data was prepared' },
        );
      const split = preparation.split;
      const side = deck.caption(right, 'How the rows were split');
      if (!split) {
        deck.note(side, 'The manifest does not record the split sizes.');
        return;
      }
      const total = split.train + split.validation + split.test;
      await deck.chart(
        { ...side, height: Math.min(side.height, 150) },
        barChart(
          [
            {
              category: 'Training',
              value: split.train,
              label: `${count(split.train)} (${percent(split.train / total, 0)})`,
            },
            {
              category: 'Validation',
              value: split.validation,
              label: `${count(split.validation)} (${percent(split.validation / total, 0)})`,
            },
            { category: 'Test', value: split.test, label: `${count(split.test)} (${percent(split.test / total, 0)})` },
          ],
          { valueTitle: 'Texts', textWidth },
        ),
      );
      deck.paragraphs(
        below(side, Math.min(side.height, 150), 16),
        [
          'Training texts teach the model; validation texts pick the best epoch; test texts are kept aside until the end and give every figure of this report.',
        ],
        { size: 10.5, color: INK.muted },
      );
    },
  );
}

/** Slide 3c: the distribution of training text lengths (the axis cut before a long tail). */
async function textLengthSlide(deck: SlideDeck, model: RunReportModel): Promise<void> {
  await partSlide(
    deck,
    { section: SECTION, title: 'How long the texts are' },
    model.textLength,
    (view) => textLengthSentence(view),
    async (box, view) => {
      const [chart, side] = splitColumns(box, [3, 1]);
      if (!chart || !side) return;
      const { clipped, unit } = view;
      await deck.chart(
        chart,
        histogramChart(view.shown, {
          valueTitle: 'Text length (characters)',
          unit,
          things: 'texts',
          unitName: 'characters',
          note: clipped
            ? `Axis cut at ${count(clipped.from)}: ${percent(clipped.share, 0)} of the texts are longer, up to ${count(clipped.to)} →`
            : undefined,
        }),
      );
      deck.paragraphs(
        side,
        [
          `Each bar spans a range of lengths; its height is the share of training texts per ${counted(unit, 'character')} in that range.`,
          ...(clipped
            ? [
                `The axis stops at ${count(clipped.from)} characters. The longest ${percent(clipped.share, 0)} of the texts, ${count(clipped.from)} to ${count(clipped.to)} characters, are left out: their range would make the axis ${times(clipped, view.shown)} as long.`,
              ]
            : []),
          'The first bar is drawn as wide as its neighbour: the statistics do not record the shortest length.',
          'Texts much longer or shorter than these in production are a sign that the traffic has changed.',
        ],
        { size: 10.5, color: INK.muted },
      );
    },
  );
}

/** How many times longer the axis would be with the clipped bin: "55 times". */
function times(clipped: ShareBin, shown: readonly ShareBin[]): string {
  const from = shown[0]?.from ?? 0;
  return `${count((clipped.to - from) / Math.max(1, clipped.from - from))} times`;
}

/** The data slides: labels, preparation, text lengths. */
export async function dataSlides(deck: SlideDeck, model: RunReportModel): Promise<void> {
  await labelsSlide(deck, model);
  await preparationSlide(deck, model);
  await textLengthSlide(deck, model);
}

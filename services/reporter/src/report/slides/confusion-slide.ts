import { barChart, confusionHeatmap, INK } from '@mlops/charts';
import type { SlideDeck } from '../../render/deck.js';
import { splitColumns } from '../../render/layout.js';
import { textWidth } from '../../render/text-metrics.js';
import { count, counted, percent } from '../format.js';
import { quoted } from '../sentences.js';
import type { ConfusionView, RunReportModel } from '../view-model.js';
import { barsHeight, partSlide } from './slide-kit.js';

/** The headline of the confusion slide. */
export function confusionSentence(view: ConfusionView): string {
  if (view.mode === 'pairs') {
    const top = view.pairs[0];
    const lead = `With ${count(view.classCount)} classes a full matrix would be unreadable: these are the ${counted(view.pairs.length, 'most frequent confusion', 'most frequent confusions')}.`;
    return top
      ? `${lead} ${quoted(top.truth)} taken for ${quoted(top.predicted)} comes first.`
      : 'The model made no mistake on the test set.';
  }
  const total = view.matrix.flat().reduce((sum, n) => sum + n, 0);
  const right = view.matrix.reduce((sum, row, index) => sum + (row[index] ?? 0), 0);
  return `${counted(right, 'test text')} of ${count(total)} landed on the diagonal (right answers); the cells off the diagonal are the mistakes.`;
}

/** Slide 4c: the confusion matrix, or the top confused pairs for many classes. */
export async function confusionSlide(deck: SlideDeck, model: RunReportModel): Promise<void> {
  await partSlide(
    deck,
    { section: 'Performance', title: 'Which classes get mixed up' },
    model.confusion,
    confusionSentence,
    async (box, view) => {
      if (view.mode === 'matrix') {
        const side = Math.min(box.height + 120, box.width * 0.66);
        const [chart, notes] = splitColumns(box, [side, box.width - side]);
        if (!chart || !notes) return;
        await deck.chart(chart, confusionHeatmap(view));
        deck.paragraphs(
          notes,
          [
            'Each row is a true class; its cells show where that class’s test texts went, as a count and as a share of the row.',
            'The diagonal holds the right answers: the darker it is, the better.',
            'A dark cell off the diagonal is a frequent mix-up.',
          ],
          { size: 10.5, color: INK.muted },
        );
        return;
      }
      const [chart, notes] = splitColumns(box, [3, 1]);
      if (!chart || !notes) return;
      if (view.pairs.length === 0) {
        deck.note(chart, 'No confusion: every test text was classified right.', 'Nothing to show');
        return;
      }
      await deck.chart(
        { ...chart, height: barsHeight(chart.height, view.pairs.length) },
        barChart(
          view.pairs.map((pair) => ({
            category: `${pair.truth} → ${pair.predicted}`,
            value: pair.count,
            label: `${count(pair.count)} (${percent(pair.shareOfTruth, 0)} of ${pair.truth})`,
          })),
          { valueTitle: 'Test texts', categoryTitle: 'True class → predicted as', textWidth },
        ),
      );
      deck.paragraphs(
        notes,
        [
          'Each bar is a pair: texts of the first class that the model gave the second.',
          'The share says how much of the true class is lost to that mix-up.',
          'The full matrix is in the CSV export.',
        ],
        { size: 10.5, color: INK.muted },
      );
    },
  );
}

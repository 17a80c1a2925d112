import { learningCurveChart } from '@mlops/charts';
import type { SlideDeck } from '../../render/deck.js';
import { splitColumns } from '../../render/layout.js';
import { learningCurveSentence, overfittingSentence } from '../sentences.js';
import type { RunReportModel } from '../view-model.js';
import { partSlide } from './slide-kit.js';

/** Slide 4e: training and validation loss and validation macro-F1 per epoch. */
export async function learningCurveSlide(deck: SlideDeck, model: RunReportModel): Promise<void> {
  await partSlide(
    deck,
    { section: 'Performance', title: 'How training went' },
    model.learningCurve,
    learningCurveSentence,
    async (box, view) => {
      const [chart, notes] = splitColumns(box, [3, 1]);
      if (!chart || !notes) return;
      await deck.chart(chart, learningCurveChart(view.epochs, view.keptEpoch));
      deck.paragraphs(
        notes,
        [
          overfittingSentence(view),
          'Loss measures how wrong the model still is (left axis); macro-F1 on the validation texts measures its quality (right axis).',
        ],
        { size: 10.5, lineGap: 2 },
      );
    },
  );
}

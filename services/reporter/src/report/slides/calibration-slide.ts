import { reliabilityChart } from '@mlops/charts';
import type { SlideDeck } from '../../render/deck.js';
import { splitColumns } from '../../render/layout.js';
import { calibrationSentences } from '../sentences.js';
import type { RunReportModel } from '../view-model.js';
import { partSlide } from './slide-kit.js';

/** Slide 4d: the reliability diagram and the ECE in words. */
export async function calibrationSlide(deck: SlideDeck, model: RunReportModel): Promise<void> {
  await partSlide(
    deck,
    { section: 'Performance', title: 'Can its confidence be trusted?' },
    model.calibration,
    (view) => calibrationSentences(view)[0] ?? '',
    async (box, view) => {
      const [chart, notes] = splitColumns(box, [3, 2], 32);
      if (!chart || !notes) return;
      await deck.chart(chart, reliabilityChart(view.bins));
      deck.paragraphs(notes, calibrationSentences(view).slice(1), { size: 11.5, lineGap: 3 });
    },
  );
}

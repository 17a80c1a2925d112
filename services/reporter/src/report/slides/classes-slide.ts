import { classMetricsChart, INK } from '@mlops/charts';
import type { SlideDeck } from '../../render/deck.js';
import { splitColumns } from '../../render/layout.js';
import { count, counted, score } from '../format.js';
import { quoted } from '../sentences.js';
import type { ClassQuality, RunReportModel } from '../view-model.js';
import { partSlide } from './slide-kit.js';

/** The headline of the per-class slide: how far apart the classes are. */
export function classSpreadSentence(classes: readonly ClassQuality[]): string {
  const ranked = classes.filter((c) => c.support > 0).sort((a, b) => b.f1 - a.f1);
  const [best, worst] = [ranked[0], ranked[ranked.length - 1]];
  if (!best || !worst || ranked.length < 2) return 'Quality per class, measured on the test set.';
  const below = ranked.filter((c) => c.f1 < 0.7).length;
  const weak =
    below > 0
      ? ` ${count(below)} of ${counted(ranked.length, 'class', 'classes')} are below 70% F1.`
      : ' Every class is at 70% F1 or more.';
  return `F1 ranges from ${score(worst.f1)} for ${quoted(worst.label)} to ${score(best.f1)} for ${quoted(best.label)}.${weak}`;
}

/** Slide 4b: precision, recall and F1 per class, sorted by F1. */
export async function classesSlide(deck: SlideDeck, model: RunReportModel): Promise<void> {
  await partSlide(
    deck,
    { section: 'Performance', title: 'Quality per class' },
    model.perClass,
    classSpreadSentence,
    async (box, classes) => {
      const [chart, side] = splitColumns(box, [3, 1]);
      if (!chart || !side) return;
      await deck.chart(chart, classMetricsChart(classes));
      deck.paragraphs(
        side,
        [
          'Classes are sorted from best to worst F1.',
          'Precision: when the model names the class, how often it is right.',
          'Recall: of the texts that really are of the class, how many it finds.',
          'F1 combines the two: it is high only when both are.',
        ],
        { size: 10.5, color: INK.muted },
      );
    },
  );
}

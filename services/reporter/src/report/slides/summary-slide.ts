import type { SlideDeck } from '../../render/deck.js';
import { below } from '../../render/layout.js';
import { INK } from '@mlops/charts';
import { count, score, scoreInterval } from '../format.js';
import {
  accuracySentence,
  classesSentence,
  intervalNote,
  macroF1Sentence,
  topConfusionSentence,
} from '../sentences.js';
import type { RunReportModel } from '../view-model.js';
import { partSlide } from './slide-kit.js';

/** Slide 2: accuracy and macro-F1 with intervals, best and worst classes, the top confusion. */
export async function summarySlide(deck: SlideDeck, model: RunReportModel): Promise<void> {
  await partSlide(
    deck,
    { section: 'Summary', title: 'How good is this model?' },
    model.headline,
    (h) => accuracySentence(h),
    (box, h) => {
      const tiles = [
        {
          label: 'ACCURACY',
          value: score(h.accuracy.value),
          detail: h.accuracy.interval ? `95% interval ${scoreInterval(h.accuracy.interval)}` : 'no interval',
        },
        {
          label: 'MACRO-F1',
          value: score(h.macroF1.value),
          detail: h.macroF1.interval ? `95% interval ${scoreInterval(h.macroF1.interval)}` : 'no interval',
        },
        { label: 'TEST TEXTS', value: count(h.exampleCount), detail: 'never seen in training' },
        {
          label: 'CLASSES',
          value: count(model.identity.labels.length),
          detail: h.worstClass ? `weakest: ${h.worstClass.label}` : '',
        },
      ];
      deck.tiles({ ...box, height: 96 }, tiles);
      let rest = below(box, 96, 26);
      rest = below(
        rest,
        deck.paragraphs(
          rest,
          [macroF1Sentence(h, model.identity.labels.length), classesSentence(h), topConfusionSentence(h)],
          {
            size: 13,
            lineGap: 4,
          },
        ),
        18,
      );
      deck.text(rest, intervalNote(h), { size: 10, color: INK.muted });
    },
  );
}

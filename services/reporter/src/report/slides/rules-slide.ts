import { deltaBars, INK } from '@mlops/charts';
import type { SlideDeck } from '../../render/deck.js';
import { below, splitColumns } from '../../render/layout.js';
import { points, score } from '../format.js';
import { rulesSentence } from '../sentences.js';
import type { RunReportModel } from '../view-model.js';
import { barsHeight, partSlide } from './slide-kit.js';

const HEADING = { section: 'Performance', title: 'What the decision rules add' } as const;

/** Slide 4f: test scores without and with the decision rules (tagger hits), per class too. */
export async function rulesSlide(deck: SlideDeck, model: RunReportModel): Promise<void> {
  await partSlide(deck, HEADING, model.rules, rulesSentence, async (box, view) => {
    const withRules = view.withRules;
    if (!withRules) {
      deck.note(
        box,
        'Decision rules combine taggers (amounts, IBANs, dates…) with the model’s answer. This version was trained without any, so there is no contribution to show.',
        'No decision rules',
      );
      return;
    }
    const [left, right] = splitColumns(box, [2, 3], 32);
    if (!left || !right) return;
    let rest = deck.caption(left, 'Test scores');
    rest = deck.table(
      rest,
      {
        size: 10.5,
        columns: [
          { header: '', weight: 1.2 },
          { header: 'Alone', weight: 1, align: 'right' },
          { header: 'With rules', weight: 1.3, align: 'right' },
          { header: 'Change', weight: 1.2, align: 'right' },
        ],
        rows: [
          [
            'Accuracy',
            score(view.withoutRules.accuracy),
            score(withRules.accuracy),
            points(withRules.accuracy - view.withoutRules.accuracy),
          ],
          [
            'Macro-F1',
            score(view.withoutRules.macroF1),
            score(withRules.macroF1),
            points(withRules.macroF1 - view.withoutRules.macroF1),
          ],
        ],
      },
      HEADING,
    );
    deck.paragraphs(
      below(rest, 0, 18),
      [
        `Rules: ${view.ruleIds.join(', ')}.`,
        'A rule fires when its tagger finds something in the text (and, if set, when the model is unsure); it then decides the class.',
      ],
      { size: 10.5, color: INK.muted },
    );
    const chart = deck.caption(right, 'Change of F1 per class with the rules (points)');
    await deck.chart(
      { ...chart, height: barsHeight(chart.height, view.perClass.length) },
      deltaBars(
        view.perClass.map((c) => ({ category: c.label, delta: c.with - c.without })),
        'Change of F1 (percentage points)',
      ),
    );
  });
}

import { counted, count, percent, points, pointsInterval } from './format.js';
import { quoted } from './sentences.js';
import type { AgreementView, ClassDelta, ComparisonSection, MetricDelta, PairChange } from './view-model.js';

/** The overall change of macro-F1 and accuracy, in words, with the caveats. */
export function comparisonSentences(comparison: ComparisonSection, rows: readonly MetricDelta[]): string[] {
  const macro = rows.find((row) => row.name === 'Macro-F1');
  const accuracy = rows.find((row) => row.name === 'Accuracy');
  const sentences: string[] = [];
  if (macro) {
    const { interval } = macro;
    const certainty = interval
      ? interval.low > 0
        ? 'a real improvement: the whole 95% interval is above 0'
        : interval.high < 0
          ? 'a real degradation: the whole 95% interval is below 0'
          : 'within what chance alone could produce: the 95% interval contains 0'
      : 'without an interval (a confusion matrix is missing)';
    sentences.push(
      `Macro-F1 changes by ${points(macro.delta)} from ${comparison.aName} to ${comparison.bName}, ${certainty}.`,
    );
  }
  if (accuracy)
    sentences.push(
      `Accuracy changes by ${points(accuracy.delta)}${accuracy.interval ? ` (95% interval ${pointsInterval(accuracy.interval)})` : ''}.`,
    );
  if (comparison.sameTestSet === false) {
    sentences.push(
      'The two versions were tested on different test sets (another dataset version, seed or split), so part of the change may come from the data.',
    );
  } else if (comparison.sameTestSet === true) {
    sentences.push('Both versions were tested on the same test texts.');
  }
  if (comparison.bootstrap) {
    sentences.push(
      `Intervals: each version’s test set resampled ${count(comparison.bootstrap.replicates)} times, independently (seeded).`,
    );
  }
  return sentences;
}

/** How many classes improved or got worse by more than a point. */
export function classChangeSentence(rows: readonly ClassDelta[]): string {
  const better = rows.filter((row) => (row.delta ?? 0) > 0.01).length;
  const worse = rows.filter((row) => (row.delta ?? 0) < -0.01).length;
  const sorted = rows.filter((row) => row.delta !== null).sort((a, b) => (a.delta ?? 0) - (b.delta ?? 0));
  const worst = sorted[0];
  const tail =
    worst && (worst.delta ?? 0) < -0.01
      ? ` The largest drop: ${quoted(worst.label)} (${points(worst.delta ?? 0)} F1).`
      : '';
  return `F1 rose by more than a point for ${counted(better, 'class', 'classes')} and fell by more than a point for ${count(worse)}.${tail}`;
}

/** How many confusion pairs appeared and disappeared. */
export function confusionChangeSentence(changes: {
  readonly appeared: readonly PairChange[];
  readonly disappeared: readonly PairChange[];
}): string {
  const first = changes.appeared[0];
  const lead = `${counted(changes.appeared.length, 'kind of mistake', 'kinds of mistakes')} appeared and ${count(changes.disappeared.length)} disappeared.`;
  return first
    ? `${lead} New: ${quoted(first.truth)} taken for ${quoted(first.predicted)} (${counted(first.b, 'time')}).`
    : lead;
}

/** The agreement of the two versions on the same texts. */
export function agreementSentences(agreement: AgreementView, comparison: ComparisonSection): string[] {
  const sentences = [
    `The two versions gave the same answer for ${count(agreement.same)} of ${counted(agreement.examples, 'test text')} (${percent(agreement.examples === 0 ? 0 : agreement.same / agreement.examples)}).`,
  ];
  if (agreement.onlyBRight !== null && agreement.onlyARight !== null) {
    sentences.push(
      `${comparison.bName.charAt(0).toUpperCase()}${comparison.bName.slice(1)} fixed ${counted(agreement.onlyBRight, 'mistake')} of ${comparison.aName} and made ${counted(agreement.onlyARight, 'new one', 'new ones')}.`,
    );
  }
  if (agreement.bothWrong !== null) sentences.push(`Both got ${counted(agreement.bothWrong, 'text')} wrong.`);
  return sentences;
}

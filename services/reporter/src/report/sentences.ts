import {
  counted,
  count,
  duration,
  percent,
  points,
  pointsInterval,
  scientific,
  score,
  scoreInterval,
} from './format.js';
import type {
  CalibrationView,
  DataPreparation,
  Headline,
  LabelDistribution,
  LearningCurveView,
  ParityView,
  Part,
  RulesView,
  TextLengthView,
  Verdict,
} from './view-model.js';

/*
 * The plain-language sentences of the run report: every number with its meaning, short, for a
 * reader who is not a data scientist.
 */

/** “label”, quoted for running text. */
export function quoted(label: string): string {
  return `“${label}”`;
}

/** The verdict against production in one line (`inProduction`: this version is the one in production). */
export function verdictLine(verdict: Part<Verdict> | null, inProduction = false): string {
  if (verdict === null && inProduction) return 'This version is the one in production now.';
  if (verdict === null)
    return 'When this report was made, no version of the model was in production: nothing to compare with.';
  if (!verdict.available) return `Comparison with production not possible: ${verdict.missing}`;
  const v = verdict.value;
  const change = `macro-F1 ${points(v.macroF1Delta)}${v.interval ? ` (95% interval ${pointsInterval(v.interval)})` : ''}`;
  const against = `production v${v.productionVersion}`;
  const head =
    v.direction === 'better'
      ? `Better than ${against}`
      : v.direction === 'worse'
        ? `Worse than ${against}`
        : `No clear difference from ${against}`;
  const caveat = v.sameTestSet === false ? ' Measured on different test sets.' : '';
  return `${head}: ${change}.${caveat}`;
}

/** Accuracy as "n out of 100". */
export function accuracySentence(headline: Headline): string {
  const per100 = Math.round(headline.accuracy.value * 100);
  const interval = headline.accuracy.interval ? `, 95% interval ${scoreInterval(headline.accuracy.interval)}` : '';
  return `The model gives the right class for about ${per100} of every 100 test texts (accuracy ${score(headline.accuracy.value)}${interval}).`;
}

/** Macro-F1 with its meaning. */
export function macroF1Sentence(headline: Headline, classCount: number): string {
  const interval = headline.macroF1.interval ? ` (95% interval ${scoreInterval(headline.macroF1.interval)})` : '';
  return `Averaged over its ${counted(classCount, 'class', 'classes')}, each counting the same, its quality is ${score(headline.macroF1.value)} macro-F1${interval}; 100% would be perfect.`;
}

/** Best and worst classes, or the reason they are not named. */
export function classesSentence(headline: Headline): string {
  const { bestClass, worstClass } = headline;
  if (!bestClass || !worstClass) return 'Per-class figures are not available.';
  return `It is best at ${quoted(bestClass.label)} (F1 ${score(bestClass.f1)}) and weakest at ${quoted(worstClass.label)} (F1 ${score(worstClass.f1)}).`;
}

/** The most frequent confusion. */
export function topConfusionSentence(headline: Headline): string {
  const pair = headline.topConfusion;
  if (!pair) return 'It made no mistake on the test set.';
  return `Its most frequent mistake: ${quoted(pair.truth)} texts taken for ${quoted(pair.predicted)}, ${counted(pair.count, 'time')} (${percent(pair.shareOfTruth, 0)} of the ${quoted(pair.truth)} test texts).`;
}

/** How the intervals were obtained. */
export function intervalNote(headline: Headline): string {
  const settings = headline.bootstrap;
  if (!settings) return 'No interval: the manifest has no confusion matrix to resample.';
  return `The ranges are 95% bootstrap intervals: the ${counted(headline.exampleCount, 'test text')} were resampled ${count(settings.replicates)} times (seed ${settings.seed}). A wide range means the figure is uncertain, usually because the test set is small.`;
}

/** How much data was used for what (one short sentence: the labels slide's headline has two lines). */
export function dataSentence(labels: LabelDistribution, preparation: DataPreparation | undefined): string {
  const split = preparation?.split;
  if (split) {
    const validation = split.validation > 0 ? `; ${count(split.validation)} more decided when to stop training` : '';
    return `The model learned from ${counted(split.train, 'text')} and was tested on ${count(split.test)} others it never saw${validation}.`;
  }
  return labels.trainExamples !== null ? `The model learned from ${counted(labels.trainExamples, 'text')}.` : '';
}

/** A small share readably: "14%", "0.4%", "under 0.1%". */
function smallShare(share: number): string {
  if (share >= 0.01) return percent(share, 0);
  return share >= 0.0005 ? percent(share, 1) : share > 0 ? 'under 0.1%' : '0%';
}

/** Whether the classes are balanced in training. */
export function balanceSentence(labels: LabelDistribution): string {
  const shares = labels.rows.flatMap((row) => (row.train === null ? [] : [{ label: row.label, share: row.train }]));
  if (shares.length === 0) return '';
  const sorted = [...shares].sort((a, b) => b.share - a.share);
  const [largest, smallest] = [sorted[0], sorted[sorted.length - 1]];
  if (!largest || !smallest) return '';
  if (smallest.share > 0 && largest.share / smallest.share <= 1.5) {
    const [low, high] = [percent(smallest.share, 0), percent(largest.share, 0)];
    return `The classes are balanced: each has ${low === high ? `about ${low}` : `${low}–${high}`} of the training texts.`;
  }
  return `The classes are unbalanced: ${quoted(largest.label)} has ${smallShare(largest.share)} of the training texts, ${quoted(smallest.label)} only ${smallShare(smallest.share)}.`;
}

/** What the preparation dropped, in one sentence. */
export function preparationSentence(preparation: DataPreparation): string {
  const first = preparation.steps[0];
  const last = preparation.steps[preparation.steps.length - 1];
  if (!first || !last) return 'No adapter or filterer was configured: every row of the dataset version was used.';
  const dropped = first.rowsIn - last.rowsOut;
  if (dropped === 0)
    return `The ${counted(preparation.steps.length, 'preparation step')} dropped no row: all ${counted(first.rowsIn, 'row')} were used.`;
  const reasons = preparation.steps
    .flatMap((step) => step.dropped)
    .map((d) => `${d.reason.replaceAll('_', ' ')}: ${count(d.count)}`)
    .slice(0, 4)
    .join(', ');
  return `Before training, ${count(dropped)} of ${counted(first.rowsIn, 'row')} (${percent(dropped / Math.max(1, first.rowsIn))}) were dropped${reasons ? ` (${reasons})` : ''}.`;
}

/** Typical text length (quantiles rounded to whole characters), and the longest when the chart leaves it out. */
export function textLengthSentence(view: TextLengthView): string {
  const parts: string[] = [];
  if (view.median !== null) parts.push(`Half of the training texts are shorter than ${count(view.median)} characters`);
  if (view.p90 !== null) parts.push(`9 in 10 are shorter than ${count(view.p90)}`);
  if (parts.length === 0) return 'The text-length histogram has no data.';
  const longest = view.clipped ? ` The longest reach ${count(view.clipped.to)}.` : '';
  return `${parts.join('; ')}.${longest}`;
}

/** The calibration in words. */
export function calibrationSentences(view: CalibrationView): string[] {
  const ece = view.expectedCalibrationError;
  const quality =
    ece < 0.05
      ? 'That is good: a stated confidence can be taken roughly at face value.'
      : ece < 0.15
        ? 'That is moderate: read the confidence as a ranking rather than a probability.'
        : 'That is large: the confidence should not be read as a probability.';
  const tendency =
    view.tendency === 'overconfident'
      ? `Overall it is overconfident: ${percent(view.meanConfidence, 0)} average confidence for ${percent(view.accuracy, 0)} right answers.`
      : view.tendency === 'underconfident'
        ? `Overall it is underconfident: ${percent(view.meanConfidence, 0)} average confidence for ${percent(view.accuracy, 0)} right answers.`
        : `Overall its confidence matches its accuracy (${percent(view.meanConfidence, 0)} against ${percent(view.accuracy, 0)}).`;
  return [
    `Expected calibration error (ECE) ${percent(ece)}: on average, the model's confidence is ${(ece * 100).toFixed(1)} points away from how often it is actually right.`,
    quality,
    tendency,
    'Bars on the dashed diagonal are perfectly calibrated; bars below it mean the model was more sure than it should have been.',
  ];
}

/** The learning curve in words. */
export function learningCurveSentence(view: LearningCurveView): string {
  const epochs = view.epochs.length;
  const withF1 = view.epochs.filter((e) => e.validationMacroF1 !== null);
  if (withF1.length === 0)
    return `Training ran ${counted(epochs, 'epoch')} without a validation set; the last epoch's weights were kept.`;
  const kept = view.epochs.find((e) => e.epoch === view.keptEpoch) ?? withF1[withF1.length - 1];
  const keptF1 = kept?.validationMacroF1 ?? 0;
  return `Training ran ${counted(epochs, 'epoch')}; the best validation macro-F1 (${score(keptF1)}) came at epoch ${kept?.epoch ?? epochs}, whose weights were kept.`;
}

/** Whether validation loss rose after the kept epoch (a sign of over-fitting). */
export function overfittingSentence(view: LearningCurveView): string {
  const losses = view.epochs.flatMap((e) => (e.validationLoss === null ? [] : [e.validationLoss]));
  if (losses.length < 2)
    return 'Training loss falling with validation loss is healthy; validation loss rising while training loss falls would mean over-fitting.';
  const lowest = Math.min(...losses);
  const last = losses[losses.length - 1] ?? lowest;
  return last > lowest * 1.05
    ? 'Validation loss rose again in the last epochs while training loss kept falling: a sign of over-fitting, which keeping the best epoch guards against.'
    : 'Validation loss fell along with training loss: no sign of over-fitting.';
}

/** What the decision rules change. */
export function rulesSentence(view: RulesView): string {
  if (!view.withRules) return 'This model has no decision rules: every answer comes from the model alone.';
  const taggers = view.taggers.length > 0 ? ` (taggers: ${view.taggers.join(', ')})` : '';
  const delta = view.withRules.macroF1 - view.withoutRules.macroF1;
  return `With its ${counted(view.ruleIds.length, 'decision rule')}${taggers}, macro-F1 goes from ${score(view.withoutRules.macroF1)} to ${score(view.withRules.macroF1)} (${points(delta)}) and accuracy from ${score(view.withoutRules.accuracy)} to ${score(view.withRules.accuracy)}.`;
}

/** The ONNX parity check in words. */
export function paritySentence(parity: ParityView): string {
  const result = parity.passed && parity.argmaxMismatches === 0 ? 'Passed' : 'FAILED';
  return `${result}: on ${counted(parity.rows, 'test text')}, the exported ONNX model (${parity.runtime}) differs from the trained model by at most ${scientific(parity.maxAbsDifference)} in probability (tolerance ${scientific(parity.tolerance)}) and picks a different class ${counted(parity.argmaxMismatches, 'time')}.`;
}

/** Training time from the timings. */
export function timingSentence(timings: Readonly<Record<string, number>>): string {
  const total = Object.values(timings).reduce((sum, seconds) => sum + seconds, 0);
  const train = timings.trainSeconds;
  return `The run took ${duration(total)}${train === undefined ? '' : `, of which ${duration(train)} training`}.`;
}

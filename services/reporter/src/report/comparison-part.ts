import { differenceInterval, type BootstrapSamples } from './bootstrap.js';
import { settingsOf } from './headline.js';
import { sameTestSet } from './identity.js';
import type { ManifestSections } from './manifest-sections.js';
import { available, missing } from './part.js';
import type { AgreementInput } from './report-input.js';
import type {
  AgreementView,
  ClassDelta,
  ComparisonSection,
  MetricDelta,
  ModelIdentity,
  PairChange,
  Part,
  Verdict,
} from './view-model.js';

/** One side of a comparison. */
export interface ComparedVersion {
  readonly identity: ModelIdentity;
  readonly sections: ManifestSections;
  readonly samples: BootstrapSamples | undefined;
  /** How the slides call it. */
  readonly name: string;
  /** How table headers call it. */
  readonly short: string;
}

/** How many pairs each list of confusion changes keeps. */
const CHANGE_LIMIT = 8;

function overall(a: ComparedVersion, b: ComparedVersion): Part<readonly MetricDelta[]> {
  const [testA, testB] = [a.sections.test, b.sections.test];
  if (!testA || !testB)
    return missing(`The test evaluation of ${testA ? b.name : a.name} is missing, so the versions cannot be compared.`);
  const level = a.samples?.level ?? 0.95;
  const both = a.samples && b.samples ? { a: a.samples, b: b.samples } : undefined;
  return available([
    {
      name: 'Accuracy',
      a: testA.core.accuracy,
      b: testB.core.accuracy,
      delta: testB.core.accuracy - testA.core.accuracy,
      interval: both ? differenceInterval(both.a.accuracy, both.b.accuracy, level) : null,
    },
    {
      name: 'Macro-F1',
      a: testA.core.macroF1,
      b: testB.core.macroF1,
      delta: testB.core.macroF1 - testA.core.macroF1,
      interval: both ? differenceInterval(both.a.macroF1, both.b.macroF1, level) : null,
    },
  ]);
}

function perClass(a: ComparedVersion, b: ComparedVersion): Part<readonly ClassDelta[]> {
  const [testA, testB] = [a.sections.test, b.sections.test];
  if (!testA?.perClass || !testB?.perClass)
    return missing('Per-class metrics of both versions are needed to compare the classes.');
  const [classesA, classesB] = [testA.perClass, testB.perClass];
  const labels = [...new Set([...testA.core.labels, ...testB.core.labels])];
  return available(
    labels.map((label) => {
      const [indexA, indexB] = [testA.core.labels.indexOf(label), testB.core.labels.indexOf(label)];
      const f1A = classesA[label]?.f1 ?? null;
      const f1B = classesB[label]?.f1 ?? null;
      const samplesA = indexA >= 0 ? a.samples?.f1[indexA] : undefined;
      const samplesB = indexB >= 0 ? b.samples?.f1[indexB] : undefined;
      return {
        label,
        a: f1A,
        b: f1B,
        delta: f1A === null || f1B === null ? null : f1B - f1A,
        interval: samplesA && samplesB ? differenceInterval(samplesA, samplesB, a.samples?.level) : null,
      };
    }),
  );
}

function pairCounts(sections: ManifestSections): Map<string, number> | undefined {
  const test = sections.test;
  const matrix = test?.confusionMatrix;
  if (!test || !matrix) return undefined;
  const counts = new Map<string, number>();
  matrix.forEach((row, t) =>
    row.forEach((count, p) => {
      if (t !== p && count > 0) counts.set(JSON.stringify([test.core.labels[t], test.core.labels[p]]), count);
    }),
  );
  return counts;
}

function confusionChanges(a: ComparedVersion, b: ComparedVersion): ComparisonSection['confusionChanges'] {
  const [countsA, countsB] = [pairCounts(a.sections), pairCounts(b.sections)];
  if (!countsA || !countsB)
    return missing('The confusion matrices of both versions are needed to list the confusions that changed.');
  const keys = [...new Set([...countsA.keys(), ...countsB.keys()])].sort();
  const changes: PairChange[] = keys.map((key) => {
    const [truth, predicted] = JSON.parse(key) as [string, string];
    return { truth, predicted, a: countsA.get(key) ?? 0, b: countsB.get(key) ?? 0 };
  });
  return available({
    appeared: changes
      .filter((c) => c.a === 0)
      .sort((x, y) => y.b - x.b)
      .slice(0, CHANGE_LIMIT),
    disappeared: changes
      .filter((c) => c.b === 0)
      .sort((x, y) => y.a - x.a)
      .slice(0, CHANGE_LIMIT),
    changed: changes
      .filter((c) => c.a > 0 && c.b > 0 && c.a !== c.b)
      .sort((x, y) => Math.abs(y.b - y.a) - Math.abs(x.b - x.a))
      .slice(0, CHANGE_LIMIT),
  });
}

function agreementOf(input: AgreementInput | undefined): AgreementView | null {
  if (!input) return null;
  return {
    examples: input.examples,
    same: input.same,
    bothRight: input.bothRight ?? null,
    onlyARight: input.onlyARight ?? null,
    onlyBRight: input.onlyBRight ?? null,
    bothWrong: input.bothWrong ?? null,
  };
}

/** Compares version B with version A: overall and per-class changes, confusion changes, agreement. */
export function buildComparison(
  a: ComparedVersion,
  b: ComparedVersion,
  agreement: AgreementInput | undefined,
): ComparisonSection {
  return {
    a: a.identity,
    b: b.identity,
    aName: a.name,
    bName: b.name,
    aShort: a.short,
    bShort: b.short,
    sameTestSet: sameTestSet(a.sections, b.sections),
    overall: overall(a, b),
    perClass: perClass(a, b),
    confusionChanges: confusionChanges(a, b),
    agreement: agreementOf(agreement),
    bootstrap: settingsOf(a.samples && b.samples ? a.samples : undefined),
  };
}

/**
 * The verdict of the comparison on macro-F1: better or worse when the interval of the change
 * excludes 0 (more than 1 point without an interval), similar otherwise.
 */
export function verdictOf(comparison: ComparisonSection): Part<Verdict> {
  if (!comparison.overall.available) return missing(comparison.overall.missing);
  const macro = comparison.overall.value.find((row) => row.name === 'Macro-F1');
  if (!macro) return missing('Macro-F1 is missing from one of the versions.');
  const { interval, delta } = macro;
  const direction = interval
    ? interval.low > 0
      ? 'better'
      : interval.high < 0
        ? 'worse'
        : 'similar'
    : delta > 0.01
      ? 'better'
      : delta < -0.01
        ? 'worse'
        : 'similar';
  return available({
    productionVersion: comparison.a.version,
    direction,
    macroF1Delta: delta,
    interval,
    sameTestSet: comparison.sameTestSet,
  });
}

import { percentileInterval, type BootstrapSamples } from './bootstrap.js';
import type { EvaluationSections } from './manifest-sections.js';
import { available, missing, notInManifest } from './part.js';
import type { BootstrapSettings, ConfusedPair, Headline, Part } from './view-model.js';

/** The bootstrap's settings as the slides print them. */
export function settingsOf(samples: BootstrapSamples | undefined): BootstrapSettings | null {
  return samples ? { replicates: samples.replicates, seed: samples.seed, level: samples.level } : null;
}

/**
 * The off-diagonal cells of a confusion matrix, most frequent first (ties in label order), each
 * with its share of the true class.
 */
export function confusedPairs(labels: readonly string[], matrix: readonly (readonly number[])[]): ConfusedPair[] {
  return matrix
    .flatMap((row, t) => {
      const total = row.reduce((sum, count) => sum + count, 0);
      return row.flatMap((count, p) =>
        t !== p && count > 0
          ? [
              {
                truth: labels[t] ?? '',
                predicted: labels[p] ?? '',
                count,
                shareOfTruth: total === 0 ? 0 : count / total,
              },
            ]
          : [],
      );
    })
    .sort((a, b) => b.count - a.count || b.shareOfTruth - a.shareOfTruth);
}

function byF1(test: EvaluationSections): { label: string; f1: number }[] {
  const perClass = test.perClass;
  if (!perClass) return [];
  return test.core.labels
    .map((label) => ({ label, f1: perClass[label]?.f1 ?? 0, support: perClass[label]?.support ?? 0 }))
    .filter((entry) => entry.support > 0)
    .sort((a, b) => b.f1 - a.f1 || (a.label < b.label ? -1 : 1))
    .map(({ label, f1 }) => ({ label, f1 }));
}

/**
 * The summary figures of a test evaluation: accuracy and macro-F1 with their bootstrap intervals,
 * the best and worst classes by F1, and the most frequent confusion.
 */
export function buildHeadline(
  test: EvaluationSections | undefined,
  samples: BootstrapSamples | undefined,
): Part<Headline> {
  if (!test) return missing(notInManifest('test evaluation'));
  const ranked = byF1(test);
  const matrix = test.confusionMatrix;
  const worst = test.worstConfusions?.[0];
  const support = worst ? (test.perClass?.[worst.truth]?.support ?? 0) : 0;
  const topConfusion = matrix
    ? (confusedPairs(test.core.labels, matrix)[0] ?? null)
    : worst
      ? {
          truth: worst.truth,
          predicted: worst.predicted,
          count: worst.count,
          shareOfTruth: support === 0 ? 0 : worst.count / support,
        }
      : null;
  return available({
    exampleCount: test.core.exampleCount,
    accuracy: {
      value: test.core.accuracy,
      interval: samples ? percentileInterval(samples.accuracy, samples.level) : null,
    },
    macroF1: {
      value: test.core.macroF1,
      interval: samples ? percentileInterval(samples.macroF1, samples.level) : null,
    },
    bootstrap: settingsOf(samples),
    bestClass: ranked.length > 1 ? (ranked[0] ?? null) : null,
    worstClass: ranked.length > 1 ? (ranked[ranked.length - 1] ?? null) : null,
    topConfusion,
  });
}

import { z } from 'zod';
import type { Output } from '../output/output.js';
import { fixed, percent } from '../output/format.js';

/** Which model the metrics describe (`metrics.estimate` of the manifest): the held-out run, and the refit served. */
const estimateSchema = z.object({
  servedModel: z.enum(['evaluated', 'refit']),
  evaluatedTrainRows: z.number(),
  servedTrainRows: z.number(),
});

/**
 * What the test metrics are an estimate of, in one sentence: with a refit, the served model learned
 * from every labelled text, and the metrics come from the same recipe trained without the test texts.
 * Null when the version does not say (versions registered before the registry kept it).
 */
export function estimateLine(metrics: Record<string, unknown>): string | null {
  const estimate = estimateSchema.safeParse(metrics.estimate);
  const tested = typeof metrics.testTexts === 'number' ? `${metrics.testTexts} test texts` : 'the test texts';
  if (!estimate.success) return null;
  const { servedModel, evaluatedTrainRows, servedTrainRows } = estimate.data;
  if (servedModel === 'evaluated') {
    return `These are the served model's own figures on ${tested} (it was trained on ${evaluatedTrainRows} texts).`;
  }
  return (
    `The served model was refitted on all ${servedTrainRows} labelled texts; these figures come from the same ` +
    `recipe trained on ${evaluatedTrainRows} of them and tested on ${tested} it had not seen, so they estimate it.`
  );
}

const perClassSchema = z.record(
  z.string(),
  z.object({ precision: z.number(), recall: z.number(), f1: z.number(), support: z.number() }).partial(),
);

/** The version's test metrics (macro-F1, accuracy ...) and a per-class table, as text. */
export function metricsTables(out: Output, metrics: Record<string, unknown>): string {
  const scalar = (key: string) => (typeof metrics[key] === 'number' ? metrics[key] : undefined);
  const summary = out.table(
    ['test metric', 'value'],
    [
      ['test texts', scalar('testTexts') ?? '-'],
      ['macro-F1', percent(scalar('macroF1'))],
      ['accuracy', percent(scalar('accuracy'))],
      ['weighted F1', percent(scalar('weightedF1'))],
      ['calibration error (ECE)', fixed(scalar('expectedCalibrationError'))],
      ['best epoch', scalar('bestEpoch') ?? '-'],
    ],
  );
  const estimate = estimateLine(metrics);
  const perClass = perClassSchema.safeParse(metrics.perClass);
  if (!perClass.success) return estimate === null ? summary : `${summary}\n${estimate}`;
  const rows = Object.entries(perClass.data).map(([label, m]) => [
    label,
    percent(m.precision),
    percent(m.recall),
    percent(m.f1),
    m.support ?? '-',
  ]);
  const table = out.table(['label', 'precision', 'recall', 'F1', 'support'], rows);
  return estimate === null ? `${summary}\n${table}` : `${summary}\n${table}\n${estimate}`;
}

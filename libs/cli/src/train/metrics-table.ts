import { z } from 'zod';
import type { Output } from '../output/output.js';
import { fixed, percent } from '../output/format.js';

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
      ['macro-F1', percent(scalar('macroF1'))],
      ['accuracy', percent(scalar('accuracy'))],
      ['weighted F1', percent(scalar('weightedF1'))],
      ['calibration error (ECE)', fixed(scalar('expectedCalibrationError'))],
      ['best epoch', scalar('bestEpoch') ?? '-'],
    ],
  );
  const perClass = perClassSchema.safeParse(metrics.perClass);
  if (!perClass.success) return summary;
  const rows = Object.entries(perClass.data).map(([label, m]) => [
    label,
    percent(m.precision),
    percent(m.recall),
    percent(m.f1),
    m.support ?? '-',
  ]);
  return `${summary}\n${out.table(['label', 'precision', 'recall', 'F1', 'support'], rows)}`;
}

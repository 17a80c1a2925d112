import type { TrainingOptions } from '../config/training-options.js';
import { TrainingPipelineError } from './pipeline-error.js';

/**
 * Refuses data a model cannot be trained and evaluated on: too few rows, a single class, or a
 * label with fewer examples than the split needs. Returns the labels, sorted (the class order).
 */
export function checkTrainingData(
  rows: readonly { readonly label: string }[],
  requirements: TrainingOptions['data'],
): string[] {
  if (rows.length < requirements.minRows) {
    throw new TrainingPipelineError(
      'TRAINING_DATA_INSUFFICIENT',
      `${rows.length} rows after adapters and filterers; at least ${requirements.minRows} are needed (config.data.minRows)`,
    );
  }
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.label, (counts.get(row.label) ?? 0) + 1);
  if (counts.size < 2) {
    throw new TrainingPipelineError(
      'TRAINING_DATA_INSUFFICIENT',
      `the data has a single class (${[...counts.keys()].join('') || 'none'}); a classifier needs at least two labels`,
    );
  }
  const rare = [...counts].filter(([, count]) => count < requirements.minExamplesPerLabel);
  if (rare.length > 0) {
    throw new TrainingPipelineError(
      'TRAINING_DATA_INSUFFICIENT',
      `labels with fewer than ${requirements.minExamplesPerLabel} examples (config.data.minExamplesPerLabel): ${rare
        .map(([label, count]) => `${label} (${count})`)
        .join(', ')}; merge them with an adapter or drop them with the min_examples_per_label filterer`,
    );
  }
  return [...counts.keys()].sort();
}

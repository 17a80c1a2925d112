import type { Adapter, Filterer } from '@mlops/contracts';
import type { DatasetRow, StepResult } from './dataset-row.js';
import { applyAdapter, applyFilterer } from './pipeline-steps.js';

/**
 * What one step did, as a frozen dataset version records it: `step` is `adapter:<kind>` or
 * `filterer:<kind>`.
 */
export interface StepRecord {
  readonly step: string;
  readonly rowsIn: number;
  readonly rowsOut: number;
  readonly dropped: Record<string, number>;
}

/** The adapters and filterers to apply, as a dataset definition or a training config declares them. */
export interface DatasetSteps {
  readonly adapters: readonly Adapter[];
  readonly filterers: readonly Filterer[];
}

/**
 * Applies the adapters, then the filterers, each in its declared order, and records for every
 * step the rows in, the rows out and the drops by reason. Deterministic: the same rows in the same
 * order give the same rows and records.
 */
export function applyDatasetSteps<Row extends DatasetRow>(
  rows: readonly Row[],
  steps: DatasetSteps,
): { rows: Row[]; steps: StepRecord[] } {
  let current: Row[] = [...rows];
  const records: StepRecord[] = [];
  const record = (step: string, result: StepResult<Row>): void => {
    records.push({ step, rowsIn: current.length, rowsOut: result.rows.length, dropped: result.dropped });
    current = result.rows;
  };
  for (const adapter of steps.adapters) record(`adapter:${adapter.kind}`, applyAdapter(current, adapter));
  for (const filterer of steps.filterers) record(`filterer:${filterer.kind}`, applyFilterer(current, filterer));
  return { rows: current, steps: records };
}

/**
 * One candidate example as the adapters and filterers see it. `textSha256` is computed by the
 * caller (the steps stay free of hashing); a row without `language` counts as unknown language.
 */
export interface DatasetRow {
  readonly id: string;
  readonly text: string;
  readonly label: string;
  readonly textSha256: string;
  readonly language?: string | undefined;
}

/** What a step did: the rows it kept, in their order, and how many it dropped, by reason. */
export interface StepResult<Row extends DatasetRow = DatasetRow> {
  readonly rows: Row[];
  readonly dropped: Record<string, number>;
}

/** Counts one more dropped row under `reason`. */
export function countDrop(dropped: Record<string, number>, reason: string): void {
  dropped[reason] = (dropped[reason] ?? 0) + 1;
}

/** One candidate record of a dataset version as the pipeline steps see it. */
export interface DatasetRow {
  readonly documentId: string;
  readonly textSha256: string;
  readonly text: string;
  readonly label: string;
  readonly language: string | undefined;
}

/** What a step did: the rows it kept and how many it dropped, by reason. */
export interface StepResult {
  readonly rows: DatasetRow[];
  readonly dropped: Record<string, number>;
}

/** Counts one more dropped row under `reason`. */
export function countDrop(dropped: Record<string, number>, reason: string): void {
  dropped[reason] = (dropped[reason] ?? 0) + 1;
}

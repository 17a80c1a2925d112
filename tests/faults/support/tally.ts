/** What a fault scenario counts. */
export interface Tally {
  readonly scenario: string;
  readonly sent: number;
  readonly completed: number;
  readonly deadLettered: number;
  readonly lost: number;
  /** Seconds from the end of the fault until everything settled. */
  readonly recoverySeconds: number;
}

/** Prints the scenario's `sent / completed / dead-lettered / lost` line (and keeps it for the summary). */
export function report(tally: Tally): Tally {
  process.stdout.write(
    `[faults] ${tally.scenario}: sent ${tally.sent} / completed ${tally.completed} / dead-lettered ${tally.deadLettered} / lost ${tally.lost} (recovered in ${tally.recoverySeconds.toFixed(1)} s)\n`,
  );
  return tally;
}

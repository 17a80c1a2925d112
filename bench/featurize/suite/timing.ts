/** CPU (user + system, all threads of the process) and wall seconds of one run. */
export interface Timing {
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
}

/** Runs `work` once and times it. */
export function timed(work: () => void): Timing {
  const cpu = process.cpuUsage();
  const started = performance.now();
  work();
  const used = process.cpuUsage(cpu);
  return { cpuSeconds: (used.user + used.system) / 1e6, wallSeconds: (performance.now() - started) / 1000 };
}

/** The median of some numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/** Megabytes per second of `bytes` over the median CPU and wall times of rounds. */
export function throughput(bytes: number, rounds: readonly Timing[]): { cpu: number; wall: number } {
  return {
    cpu: bytes / 1e6 / median(rounds.map((round) => round.cpuSeconds)),
    wall: bytes / 1e6 / median(rounds.map((round) => round.wallSeconds)),
  };
}

/** Milliseconds as people read them: "0.6 ms", "78 ms", "1.2 s". */
export function formatMs(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (value >= 1000) return `${(value / 1000).toFixed(1)} s`;
  return value >= 10 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}

/** A share as a percentage with one decimal, or a dash when absent. */
export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`;
}

/** The key a version's figures are joined on across the monitoring routes: version and role. */
export function roleKey(version: number, role: string): string {
  return `${role}:${version}`;
}

/** A share as a percentage with one decimal (`0.9731` → `97.3%`). */
export function percent(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? '-' : `${(value * 100).toFixed(1)}%`;
}

/** Seconds as `1m 05s` or `42s`. */
export function duration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(whole / 60);
  return minutes > 0 ? `${minutes}m ${String(whole % 60).padStart(2, '0')}s` : `${whole}s`;
}

/** A number with 4 decimals, or `-`. */
export function fixed(value: number | undefined, digits = 4): string {
  return value === undefined || Number.isNaN(value) ? '-' : value.toFixed(digits);
}

/** Counts as `ready 12, duplicate 3, failed 1`, leaving out zeros. */
export function counts(values: Readonly<Record<string, number>>): string {
  const parts = Object.entries(values)
    .filter(([, count]) => count > 0)
    .map(([name, count]) => `${name} ${count}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}

/** A date and time as people read it here: "5 Dec 2026, 17:24" in the browser's locale and zone. */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A share as a percentage with one decimal, or a dash when absent. */
export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`;
}

/** A date and time as people read it here, in the browser's locale and zone. */
export function formatDate(iso: string | undefined): string {
  return iso === undefined ? '–' : new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A share as a percentage with one decimal, or a dash when absent. */
export function formatShare(value: number | null | undefined): string {
  return value === undefined || value === null ? '–' : `${(value * 100).toFixed(1)}%`;
}

/** A duration as "1 h 02 min", "3 min 05 s" or "12 s"; a dash when unknown. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '–';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** A number metric of a run's or version's metrics (`macroF1`), if it has one. */
export function numberMetric(metrics: Readonly<Record<string, unknown>> | undefined, key: string): number | undefined {
  const value = metrics?.[key];
  return typeof value === 'number' ? value : undefined;
}

/** The statuses a job can still leave. */
export function isActive(status: string): boolean {
  return status === 'queued' || status === 'running';
}

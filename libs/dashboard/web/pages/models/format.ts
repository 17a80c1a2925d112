import type { ModelVersion } from '@mlops/contracts';

/** A date and time as people read it here: "5 Dec 2026, 17:24" in the browser's locale and zone. */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A share as a percentage with one decimal, or a dash when absent. */
export function formatShare(value: number | undefined): string {
  return value === undefined ? '–' : `${(value * 100).toFixed(1)}%`;
}

/** A number metric of a version (`macroF1`), if it has one. */
export function metricOf(version: ModelVersion, key: string): number | undefined {
  const value = version.metrics[key];
  return typeof value === 'number' ? value : undefined;
}

/** Per-class F1 of a version (its `perClass` metrics), by label. */
export function perClassF1(version: ModelVersion): ReadonlyMap<string, number> {
  const perClass = version.metrics.perClass;
  const found = new Map<string, number>();
  if (typeof perClass !== 'object') return found;
  for (const [label, scores] of Object.entries(perClass)) {
    const f1 = (scores as { f1?: unknown } | null)?.f1;
    if (typeof f1 === 'number') found.set(label, f1);
  }
  return found;
}

import { createHash } from 'node:crypto';
import type { DatasetRow } from '@mlops/ml/steps';

/** Text-length statistics (characters) of the frozen rows. */
export function textLengthStatistics(rows: readonly DatasetRow[]): {
  min: number;
  max: number;
  mean: number;
  median: number;
  p95: number;
} {
  const lengths = rows.map((row) => row.text.length).sort((a, b) => a - b);
  const at = (q: number): number =>
    lengths[Math.min(lengths.length - 1, Math.max(0, Math.ceil(q * lengths.length) - 1))] ?? 0;
  const sum = lengths.reduce((total, length) => total + length, 0);
  return {
    min: lengths[0] ?? 0,
    max: lengths.at(-1) ?? 0,
    mean: lengths.length ? sum / lengths.length : 0,
    median: at(0.5),
    p95: at(0.95),
  };
}

/** Rows per label. */
export function labelDistribution(rows: readonly DatasetRow[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.label] = (counts[row.label] ?? 0) + 1;
  return counts;
}

/**
 * The identity of a version's content: sha256 over `documentId<TAB>textSha256<TAB>label` lines
 * sorted by document id (the row's `id`), so the same records give the same hash whatever the order they came in.
 */
export function contentHash(rows: readonly DatasetRow[]): string {
  const hash = createHash('sha256');
  for (const row of [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    hash.update(`${row.id}\t${row.textSha256}\t${row.label}\n`);
  }
  return hash.digest('hex');
}

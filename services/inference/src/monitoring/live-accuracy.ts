import type { z } from 'zod';
import type { accuracyResponseSchema } from '@mlops/contracts';
import type { LogCounts } from './prediction-log.repository.js';

type VersionAccuracy = z.infer<typeof accuracyResponseSchema>['versions'][number];

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/**
 * Live accuracy per version and role from the log's counts: predictions logged, those with
 * feedback, the correct ones, and each label's recall and precision over the predictions with
 * feedback. Versions ascending, then roles alphabetically.
 */
export function liveAccuracy(counts: LogCounts): VersionAccuracy[] {
  const groups = new Map<
    string,
    { version: number; role: VersionAccuracy['role']; logged: number; cells: LogCounts['confusion'][number][] }
  >();
  const groupOf = (version: number, role: VersionAccuracy['role']) => {
    const key = `${version}\u0000${role}`;
    let group = groups.get(key);
    if (!group) {
      group = { version, role, logged: 0, cells: [] };
      groups.set(key, group);
    }
    return group;
  };
  for (const entry of counts.logged) groupOf(entry.version, entry.role).logged += entry.count;
  for (const cell of counts.confusion) groupOf(cell.version, cell.role).cells.push(cell);
  return [...groups.values()]
    .sort((a, b) => a.version - b.version || a.role.localeCompare(b.role))
    .map(({ version, role, logged, cells }) => {
      const withFeedback = cells.reduce((sum, cell) => sum + cell.count, 0);
      const correct = cells.reduce((sum, cell) => sum + (cell.predicted === cell.truth ? cell.count : 0), 0);
      const labels = [...new Set(cells.flatMap((cell) => [cell.predicted, cell.truth]))].sort();
      return {
        version,
        role,
        logged: Math.max(logged, withFeedback),
        withFeedback,
        correct,
        accuracy: ratio(correct, withFeedback),
        labels: labels.map((label) => {
          const support = cells.reduce((sum, cell) => sum + (cell.truth === label ? cell.count : 0), 0);
          const predicted = cells.reduce((sum, cell) => sum + (cell.predicted === label ? cell.count : 0), 0);
          const hits = cells.reduce(
            (sum, cell) => sum + (cell.truth === label && cell.predicted === label ? cell.count : 0),
            0,
          );
          return {
            label,
            support,
            predicted,
            correct: hits,
            recall: ratio(hits, support),
            precision: ratio(hits, predicted),
          };
        }),
      };
    });
}

import type { Adapter, Filterer } from '@mlops/contracts';
import { countDrop, type DatasetRow, type StepResult } from './dataset-row.js';
import { dropNearDuplicates } from './near-duplicates.js';

/** Applies one adapter: renames and merges labels, optionally dropping unmapped rows. */
export function applyAdapter(rows: readonly DatasetRow[], adapter: Adapter): StepResult {
  const dropped: Record<string, number> = {};
  const kept: DatasetRow[] = [];
  for (const row of rows) {
    const mapped = adapter.map[row.label];
    if (mapped !== undefined) kept.push({ ...row, label: mapped });
    else if (adapter.dropUnmapped) countDrop(dropped, 'unmapped_label');
    else kept.push(row);
  }
  return { rows: kept, dropped };
}

function dropRareLabels(rows: readonly DatasetRow[], min: number): StepResult {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.label, (counts.get(row.label) ?? 0) + 1);
  const dropped: Record<string, number> = {};
  const kept = rows.filter((row) => {
    if ((counts.get(row.label) ?? 0) >= min) return true;
    countDrop(dropped, 'rare_label');
    return false;
  });
  return { rows: kept, dropped };
}

function keepLengths(rows: readonly DatasetRow[], min: number | undefined, max: number | undefined): StepResult {
  const dropped: Record<string, number> = {};
  const kept = rows.filter((row) => {
    if (min !== undefined && row.text.length < min) countDrop(dropped, 'too_short');
    else if (max !== undefined && row.text.length > max) countDrop(dropped, 'too_long');
    else return true;
    return false;
  });
  return { rows: kept, dropped };
}

function keepLanguages(rows: readonly DatasetRow[], allow: readonly string[]): StepResult {
  const allowed = new Set(allow);
  const dropped: Record<string, number> = {};
  const kept = rows.filter((row) => {
    if (row.language !== undefined && allowed.has(row.language)) return true;
    countDrop(dropped, row.language === undefined ? 'unknown_language' : 'other_language');
    return false;
  });
  return { rows: kept, dropped };
}

/** Keeps the first row of each identical text; a text labelled differently by its copies is dropped entirely. */
function dropExactDuplicates(rows: readonly DatasetRow[]): StepResult {
  const groups = new Map<string, DatasetRow[]>();
  for (const row of rows) groups.set(row.textSha256, [...(groups.get(row.textSha256) ?? []), row]);
  const dropped: Record<string, number> = {};
  const kept: DatasetRow[] = [];
  for (const row of rows) {
    const group = groups.get(row.textSha256) ?? [row];
    if (new Set(group.map((member) => member.label)).size > 1) countDrop(dropped, 'conflicting_labels');
    else if (group[0] !== row) countDrop(dropped, 'exact_duplicate');
    else kept.push(row);
  }
  return { rows: kept, dropped };
}

/** Applies one filterer. */
export function applyFilterer(rows: readonly DatasetRow[], filterer: Filterer): StepResult {
  switch (filterer.kind) {
    case 'min_examples_per_label':
      return dropRareLabels(rows, filterer.min);
    case 'text_length':
      return keepLengths(rows, filterer.min, filterer.max);
    case 'language':
      return keepLanguages(rows, filterer.allow);
    case 'exact_duplicates':
      return dropExactDuplicates(rows);
    case 'near_duplicates':
      return dropNearDuplicates(rows, filterer.threshold);
  }
}

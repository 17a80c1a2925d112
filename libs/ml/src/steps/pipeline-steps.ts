import type { Adapter, Filterer } from '@mlops/contracts';
import { countDrop, type DatasetRow, type StepResult } from './dataset-row.js';
import { dropNearDuplicates } from './near-duplicates.js';

/** Applies one adapter: renames and merges labels, optionally dropping unmapped rows. */
export function applyAdapter<Row extends DatasetRow>(rows: readonly Row[], adapter: Adapter): StepResult<Row> {
  const dropped: Record<string, number> = {};
  const kept: Row[] = [];
  for (const row of rows) {
    const mapped = adapter.map[row.label];
    if (mapped !== undefined) kept.push({ ...row, label: mapped });
    else if (adapter.dropUnmapped) countDrop(dropped, 'unmapped_label');
    else kept.push(row);
  }
  return { rows: kept, dropped };
}

function dropRareLabels<Row extends DatasetRow>(rows: readonly Row[], min: number): StepResult<Row> {
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

function keepLengths<Row extends DatasetRow>(
  rows: readonly Row[],
  min: number | undefined,
  max: number | undefined,
): StepResult<Row> {
  const dropped: Record<string, number> = {};
  const kept = rows.filter((row) => {
    if (min !== undefined && row.text.length < min) countDrop(dropped, 'too_short');
    else if (max !== undefined && row.text.length > max) countDrop(dropped, 'too_long');
    else return true;
    return false;
  });
  return { rows: kept, dropped };
}

function keepLanguages<Row extends DatasetRow>(rows: readonly Row[], allow: readonly string[]): StepResult<Row> {
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
function dropExactDuplicates<Row extends DatasetRow>(rows: readonly Row[]): StepResult<Row> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) groups.set(row.textSha256, [...(groups.get(row.textSha256) ?? []), row]);
  const dropped: Record<string, number> = {};
  const kept: Row[] = [];
  for (const row of rows) {
    const group = groups.get(row.textSha256) ?? [row];
    if (new Set(group.map((member) => member.label)).size > 1) countDrop(dropped, 'conflicting_labels');
    else if (group[0] !== row) countDrop(dropped, 'exact_duplicate');
    else kept.push(row);
  }
  return { rows: kept, dropped };
}

/** Applies one filterer, keeping the surviving rows in their order. */
export function applyFilterer<Row extends DatasetRow>(rows: readonly Row[], filterer: Filterer): StepResult<Row> {
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

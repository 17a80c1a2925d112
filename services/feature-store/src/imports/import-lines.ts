import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { textRecordSchema, type TextRecord } from '@mlops/contracts';
import { parse } from 'csv-parse';

/** One line of an import file: a valid record, or why it was refused. */
export type ImportLine = { line: number; record: TextRecord } | { line: number; errors: string[] };

function validate(line: number, value: unknown): ImportLine {
  const result = textRecordSchema.safeParse(value);
  if (result.success) return { line, record: result.data };
  return { line, errors: result.error.issues.map((issue) => `/${issue.path.join('/')}: ${issue.message}`) };
}

/** Reads JSON Lines one line at a time; blank lines are skipped, each other line is one record. */
export async function* readJsonLines(source: Readable): AsyncGenerator<ImportLine> {
  let line = 0;
  for await (const text of createInterface({ input: source, crlfDelay: Infinity })) {
    line += 1;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line, errors: [`not JSON: ${error instanceof Error ? error.message : String(error)}`] };
      continue;
    }
    yield validate(line, value);
  }
}

const LABEL_PREFIX = 'label_';

/**
 * Reads CSV with a header row: column `text` holds the text, each `label_<task>` column a label
 * for that task, and any other column becomes metadata. Line numbers count the header as line 1.
 */
export async function* readCsv(source: Readable): AsyncGenerator<ImportLine> {
  const parser = source.pipe(
    parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, info: true }),
  );
  for await (const row of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    const { record, info } = row;
    const labels: Record<string, string> = {};
    const metadata: Record<string, string> = {};
    for (const [column, value] of Object.entries(record)) {
      if (column === 'text') continue;
      if (column.startsWith(LABEL_PREFIX)) {
        if (value !== '') labels[column.slice(LABEL_PREFIX.length)] = value;
      } else if (value !== '') metadata[column] = value;
    }
    yield validate(info.lines, {
      text: record.text,
      ...(Object.keys(labels).length ? { labels } : {}),
      ...(Object.keys(metadata).length ? { metadata } : {}),
    });
  }
}

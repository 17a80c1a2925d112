import { writeFileSync, mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

/** One measured figure, as DESIGN.md's benchmark format defines it. */
export interface BenchRow {
  readonly system: string;
  readonly case: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
}

/**
 * Writes bench/results/<name>.json and returns the Markdown table of its rows (for wiki/benchmarks.md).
 * `details`, when given, is stored beside the rows as it is (e.g. dataset counts, settings per system).
 */
export function writeResults(
  name: string,
  rows: readonly BenchRow[],
  notes: readonly string[] = [],
  details?: Readonly<Record<string, unknown>>,
): string {
  const dir = fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const result = {
    benchmark: name,
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
    rows,
    notes,
    ...(details ? { details } : {}),
  };
  writeFileSync(`${dir}${name}.json`, `${JSON.stringify(result, null, 2)}\n`);
  const table = [
    '| system | case | metric | value | unit |',
    '| --- | --- | --- | ---: | --- |',
    ...rows.map((row) => `| ${row.system} | ${row.case} | ${row.metric} | ${row.value} | ${row.unit} |`),
  ];
  return [...table, '', ...notes.map((note) => `- ${note}`)].join('\n');
}

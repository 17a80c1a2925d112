import { textRecordSchema, type TextRecord } from '@mlops/contracts';
import { describeIssues } from '../config/describe-issues.js';

/** A `.jsonl` file read into records, each refused line with its number and the fields at fault. */
export interface JsonlRecords {
  readonly records: TextRecord[];
  readonly invalid: { line: number; errors: string[] }[];
}

/** Reads JSON Lines of `{text, metadata?, labels?}` with the API's own record schema (blank lines skipped). */
export function parseJsonlRecords(text: string): JsonlRecords {
  const records: TextRecord[] = [];
  const invalid: JsonlRecords['invalid'] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      invalid.push({ line: index + 1, errors: [`not JSON: ${(error as Error).message}`] });
      return;
    }
    const parsed = textRecordSchema.safeParse(json);
    if (parsed.success) records.push(parsed.data);
    else invalid.push({ line: index + 1, errors: describeIssues(parsed.error.issues) });
  });
  return { records, invalid };
}

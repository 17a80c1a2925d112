import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { CliError, type ExitCode } from '../core/cli-error.js';
import { describeIssues } from './describe-issues.js';

/**
 * Reads and validates a JSON file with a zod schema; a missing file, bad JSON or an invalid field
 * becomes a CliError naming the file and each field (`train.json: dataset.version: ...`).
 */
export function readJsonFile<S extends z.ZodType>(path: string, schema: S, exitCode: ExitCode): z.output<S> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new CliError(exitCode, `${path}: ${reason}`, 'FILE_UNREADABLE');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(exitCode, `${path}: not valid JSON (${(error as Error).message})`, 'FILE_INVALID');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const lines = describeIssues(parsed.error.issues);
    throw new CliError(exitCode, `${path} is invalid: ${lines[0] ?? 'unknown error'}`, 'FILE_INVALID', lines.slice(1));
  }
  return parsed.data;
}

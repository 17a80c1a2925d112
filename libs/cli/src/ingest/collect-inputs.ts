import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { CliError, EXIT } from '../core/cli-error.js';

/** A file to ingest: a document uploaded as is, or a `.jsonl` / `.csv` of text records. */
export interface InputFile {
  readonly path: string;
  readonly kind: 'document' | 'jsonl' | 'csv';
  /** The name of the folder holding it (`--label-from dir`). */
  readonly folder: string;
}

function kindOf(path: string): InputFile['kind'] {
  const extension = extname(path).toLowerCase();
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl';
  if (extension === '.csv') return 'csv';
  return 'document';
}

function walk(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return walk(path);
      return entry.isFile() ? [path] : [];
    });
}

/** Expands the paths given (files, folders walked recursively, hidden files skipped) in a stable order. */
export function collectInputs(paths: readonly string[], cwd: string): InputFile[] {
  return paths.flatMap((given) => {
    const path = resolve(cwd, given);
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new CliError(EXIT.usage, `${given}: no such file or folder`, 'INPUT_MISSING');
    }
    const files = stats.isDirectory() ? walk(path) : [path];
    return files.map((file) => ({ path: file, kind: kindOf(file), folder: basename(dirname(file)) }));
  });
}

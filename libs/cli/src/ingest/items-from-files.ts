import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { IngestItem, IngestSummary } from './ingest-items.js';
import type { InputFile } from './collect-inputs.js';
import { parseJsonlRecords } from './jsonl-records.js';

/** How files get their labels and metadata. */
export interface LabelOptions {
  readonly task?: string;
  /** One label for every file and record without one. */
  readonly label?: string;
  /** `dir`: the name of the folder holding each file. */
  readonly labelFrom?: 'dir';
  readonly metadata: Readonly<Record<string, string>>;
}

function labelFor(file: InputFile, options: LabelOptions): Record<string, string> {
  if (options.task === undefined) return {};
  if (options.labelFrom === 'dir') return { [options.task]: file.folder };
  return options.label === undefined ? {} : { [options.task]: options.label };
}

/**
 * Reads documents and `.jsonl` files into items (CSV files are imported by the feature-store
 * itself); records keep their own labels and metadata, the flags fill in what they lack.
 */
export function itemsFromFiles(
  files: readonly InputFile[],
  options: LabelOptions,
): { items: IngestItem[]; invalidLines: IngestSummary['invalidLines'] } {
  const items: IngestItem[] = [];
  const invalidLines: IngestSummary['invalidLines'] = [];
  for (const file of files) {
    if (file.kind === 'document') {
      items.push({
        kind: 'file',
        filename: basename(file.path),
        content: readFileSync(file.path),
        labels: labelFor(file, options),
        metadata: options.metadata,
      });
    } else if (file.kind === 'jsonl') {
      const { records, invalid } = parseJsonlRecords(readFileSync(file.path, 'utf8'));
      invalidLines.push(...invalid.map((line) => ({ file: file.path, ...line })));
      records.forEach((record, index) => {
        items.push({
          kind: 'record',
          source: `${basename(file.path)}#${index + 1}`,
          record: {
            ...record,
            labels: { ...labelFor(file, options), ...record.labels },
            metadata: { ...options.metadata, ...record.metadata },
          },
        });
      });
    }
  }
  return { items, invalidLines };
}

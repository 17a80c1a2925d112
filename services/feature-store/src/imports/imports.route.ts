import type {} from '@fastify/multipart';
import type { Readable } from 'node:stream';
import { featureStoreRoutes, type TextRecord } from '@mlops/contracts';
import { callerOf, registerRoute, type HttpApp } from '@mlops/http';
import type { DocumentRepository } from '../documents/document.repository.js';
import type { LabelRepository } from '../labels/label.repository.js';
import { ingestTextRecords, type ProcessingDispatcher } from '../documents/ingest-records.usecase.js';
import { featureStoreErrors } from '../errors.js';
import { readCsv, readJsonLines, type ImportLine } from './import-lines.js';

const BATCH = 200;

function formatOf(filename: string, mimetype: string): 'jsonl' | 'csv' | undefined {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson') || mimetype === 'application/x-ndjson') return 'jsonl';
  if (lower.endsWith('.csv') || mimetype === 'text/csv') return 'csv';
  return undefined;
}

/** `POST /v1/imports`: a JSONL or CSV file of labelled texts, streamed; valid lines are kept, invalid ones reported by number. */
export function registerImportRoutes(
  app: HttpApp,
  deps: {
    documents: DocumentRepository;
    labels: LabelRepository;
    dispatch: ProcessingDispatcher;
    maxInvalidLinesReported: number;
  },
): void {
  registerRoute(app, featureStoreRoutes.imports.create, async (request) => {
    if (!request.isMultipart()) {
      throw featureStoreErrors.importFormat('send the file as multipart/form-data', [
        { pointer: '/body', message: 'multipart/form-data expected' },
      ]);
    }
    const file = await request.file();
    if (!file)
      throw featureStoreErrors.noFiles('the upload holds no file', [{ pointer: '/body/file', message: 'missing' }]);
    const format = formatOf(file.filename, file.mimetype);
    if (!format) {
      file.file.resume();
      throw featureStoreErrors.importFormat(`${file.filename}: use a .jsonl or .csv file`, [
        { pointer: '/body/file', message: 'not .jsonl or .csv' },
      ]);
    }
    const by = callerOf(request).owner;
    const lines: AsyncIterable<ImportLine> = format === 'jsonl' ? readJsonLines(file.file) : readCsv(file.file);
    const result = {
      format,
      lines: 0,
      imported: 0,
      duplicates: 0,
      invalid: [] as { line: number; errors: string[] }[],
      invalidTruncated: false,
    };
    let batch: TextRecord[] = [];
    const flush = async (): Promise<void> => {
      for (const receipt of await ingestTextRecords(deps, batch, by, request.id)) {
        if (receipt.duplicate) result.duplicates += 1;
        else result.imported += 1;
      }
      batch = [];
    };
    for await (const line of lines) {
      result.lines = line.line;
      if ('record' in line) {
        batch.push(line.record);
        if (batch.length >= BATCH) await flush();
      } else if (result.invalid.length < deps.maxInvalidLinesReported)
        result.invalid.push({ line: line.line, errors: line.errors });
      else result.invalidTruncated = true;
    }
    await flush();
    if ((file.file as Readable & { truncated?: boolean }).truncated) {
      throw featureStoreErrors.fileTooLarge(
        `${file.filename} was cut at the size limit after line ${result.lines}; the lines before it are kept`,
        [{ pointer: '/body/file', message: 'too large' }],
      );
    }
    return result;
  });
}

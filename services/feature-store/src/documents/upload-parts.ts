import type { Multipart } from '@fastify/multipart';
import { featureStoreRoutes } from '@mlops/contracts';
import { parseOrThrow } from '@mlops/http';
import { z } from 'zod';
import { featureStoreErrors } from '../errors.js';
import type { Receipt } from './ingest-records.usecase.js';
import {
  discardStaged,
  stageUploadedFile,
  storeStagedFiles,
  type StagedFile,
  type UploadContext,
  type UploadDeps,
} from './upload-files.usecase.js';

const { fields } = featureStoreRoutes.documents.upload.upload;

function parseJsonField(value: string, pointer: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return parseOrThrow(z.never({ error: 'not valid JSON' }), value, pointer);
  }
}

/**
 * Stores the files of a multipart upload: each file's bytes go to GridFS as they stream in, then
 * the documents of all of them are written in one insert and dispatched together (a request that
 * fails part-way stores no document and deletes the files it staged; a crash leaves them to the orphan sweep). The fields
 * `metadata` and `labels` (JSON objects) must come before the files and apply to all of them;
 * a body without a file is refused.
 */
export async function storeUploadParts(
  deps: UploadDeps,
  parts: AsyncIterable<Multipart>,
  uploader: { readonly labelledBy: string; readonly requestId: string },
): Promise<Receipt[]> {
  const staged: StagedFile[] = [];
  const context: { metadata: UploadContext['metadata']; labels: Record<string, string> } = {
    metadata: {},
    labels: {},
  };
  let files = 0;
  try {
    files = await stageParts(deps, parts, context, staged);
  } catch (error) {
    await discardStaged(deps, staged);
    throw error;
  }
  if (files === 0)
    throw featureStoreErrors.noFiles('the multipart body holds no file', [
      { pointer: '/body', message: 'at least one file' },
    ]);
  return storeStagedFiles(deps, staged, { ...context, ...uploader });
}

/** Reads the fields into `context` and stages each file into `staged`; answers how many files came. */
async function stageParts(
  deps: UploadDeps,
  parts: AsyncIterable<Multipart>,
  context: { metadata: UploadContext['metadata']; labels: Record<string, string> },
  staged: StagedFile[],
): Promise<number> {
  let files = 0;
  for await (const part of parts) {
    if (part.type === 'field') {
      if (files > 0)
        throw featureStoreErrors.noFiles('fields must come before the files', [
          { pointer: `/body/${part.fieldname}`, message: 'send fields before files' },
        ]);
      const raw = typeof part.value === 'string' ? part.value : '';
      if (part.fieldname === 'metadata')
        context.metadata = parseOrThrow(fields.metadata, parseJsonField(raw, '/body/metadata'), '/body/metadata');
      else if (part.fieldname === 'labels')
        context.labels = parseOrThrow(fields.labels, parseJsonField(raw, '/body/labels'), '/body/labels');
      continue;
    }
    files += 1;
    staged.push(
      await stageUploadedFile(
        deps,
        { filename: part.filename || `upload-${files}`, declaredType: part.mimetype, stream: part.file },
        context,
      ),
    );
  }
  return files;
}

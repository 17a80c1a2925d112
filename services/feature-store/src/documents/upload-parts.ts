import { Readable } from 'node:stream';
import type { Multipart, MultipartFile } from '@fastify/multipart';
import { featureStoreRoutes } from '@mlops/contracts';
import { parseOrThrow } from '@mlops/http';
import { z } from 'zod';
import { featureStoreErrors } from '../errors.js';
import type { Receipt } from './ingest-records.usecase.js';
import {
  discardStaged,
  refuseUnfitHeldFile,
  stageHeldFiles,
  stageUploadedFile,
  type HeldFile,
  storeStagedFiles,
  type StagedFile,
  type UploadContext,
  type UploadDeps,
} from './upload-files.usecase.js';

const { fields } = featureStoreRoutes.documents.upload.upload;

/** A file up to this size is read whole and stored with the others of its request in one write. */
const HELD_FILE_BYTES = 1024 * 1024;
/** Held files are stored as soon as this many bytes wait. */
const HELD_BATCH_BYTES = 8 * 1024 * 1024;

function parseJsonField(value: string, pointer: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return parseOrThrow(z.never({ error: 'not valid JSON' }), value, pointer);
  }
}

/**
 * Stores the files of a multipart upload: each file's bytes go to GridFS (files up to 1 MiB
 * together, in two writes for up to 8 MiB of them; a larger one as it streams in), then
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

/** A file part read up to `HELD_FILE_BYTES`: whole, or the bytes read so far and the stream of the rest. */
type ReadPart = { readonly held: HeldFile } | { readonly stream: Readable };

async function readPart(part: MultipartFile, filename: string): Promise<ReadPart> {
  const pieces: Buffer[] = [];
  let length = 0;
  const source = part.file[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const held = (): ReadPart => ({
    held: {
      filename,
      declaredType: part.mimetype,
      bytes: Buffer.concat(pieces, length),
      truncated: part.file.truncated,
    },
  });
  try {
    for (let next = await source.next(); next.done !== true; next = await source.next()) {
      pieces.push(next.value);
      length += next.value.length;
      if (length > HELD_FILE_BYTES) {
        const rest = async function* (): AsyncGenerator<Buffer> {
          yield* pieces;
          for (let more = await source.next(); more.done !== true; more = await source.next()) yield more.value;
        };
        const stream = Readable.from(rest());
        Object.defineProperty(stream, 'truncated', { get: () => part.file.truncated });
        return { stream };
      }
    }
  } catch (error) {
    if (part.file.truncated) return held();
    throw error;
  }
  return held();
}

/**
 * Reads the fields into `context` and stages each file into `staged`, in order; answers how many
 * files came. Small files are held in memory and stored together (see `stageHeldFiles`); a larger
 * one streams into GridFS after those before it are stored.
 */
async function stageParts(
  deps: UploadDeps,
  parts: AsyncIterable<Multipart>,
  context: { metadata: UploadContext['metadata']; labels: Record<string, string> },
  staged: StagedFile[],
): Promise<number> {
  let files = 0;
  let held: HeldFile[] = [];
  let heldBytes = 0;
  const storeHeld = async (): Promise<void> => {
    const batch = held;
    held = [];
    heldBytes = 0;
    if (batch.length > 0) staged.push(...(await stageHeldFiles(deps, batch, context)));
  };
  for await (const part of parts) {
    if (part.type === 'field') {
      if (files > 0)
        throw featureStoreErrors.fieldAfterFile(
          `the field "${part.fieldname}" comes after a file: send the fields (metadata, labels) before the files`,
          [{ pointer: `/body/${part.fieldname}`, message: 'send fields before files' }],
        );
      const raw = typeof part.value === 'string' ? part.value : '';
      if (part.fieldname === 'metadata')
        context.metadata = parseOrThrow(fields.metadata, parseJsonField(raw, '/body/metadata'), '/body/metadata');
      else if (part.fieldname === 'labels')
        context.labels = parseOrThrow(fields.labels, parseJsonField(raw, '/body/labels'), '/body/labels');
      continue;
    }
    files += 1;
    const filename = part.filename || `upload-${files}`;
    const read = await readPart(part, filename);
    if ('held' in read) {
      refuseUnfitHeldFile(deps, read.held);
      held.push(read.held);
      heldBytes += read.held.bytes.length;
      if (heldBytes >= HELD_BATCH_BYTES) await storeHeld();
      continue;
    }
    await storeHeld();
    staged.push(await stageUploadedFile(deps, { filename, declaredType: part.mimetype, stream: read.stream }, context));
  }
  await storeHeld();
  return files;
}

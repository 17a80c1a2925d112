import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { inferenceErrors } from '../errors.js';
import { documentMissing, documentTooLarge, FILE_FIELD } from './document-problems.js';

/** An uploaded file, not read yet: its bytes as they arrive and the name the client gave it. */
export interface DocumentUpload {
  readonly content: Readable;
  readonly filename: string | null;
}

async function multipartUpload(request: FastifyRequest, fallbackName: string | null): Promise<DocumentUpload> {
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await request.file();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw inferenceErrors.documentBadUpload(`the multipart body cannot be read: ${reason}`);
  }
  if (part === undefined) throw documentMissing(`send the file as a multipart part named "${FILE_FIELD}"`);
  if (part.fieldname !== FILE_FIELD) {
    part.file.resume();
    throw documentMissing(`the file part is named "${part.fieldname}"; it must be "${FILE_FIELD}"`, part.fieldname);
  }
  return { content: part.file, filename: part.filename || fallbackName };
}

/**
 * The file of a `predict-document` request, without reading it: the part `file` of a
 * multipart/form-data body, or a raw application/octet-stream body named by `?filename=`.
 * A raw body whose declared length is over `maxBytes` is refused (413) before anything is read;
 * other sizes are enforced while the bytes stream on.
 */
export async function documentUpload(
  request: FastifyRequest,
  filename: string | undefined,
  maxBytes: number,
): Promise<DocumentUpload> {
  if (request.isMultipart()) return multipartUpload(request, filename ?? null);
  const { body } = request;
  if (!(body instanceof Readable)) {
    throw documentMissing(
      `send multipart/form-data with a part named "${FILE_FIELD}", or the raw file as application/octet-stream`,
    );
  }
  const declaredLength = Number(request.headers['content-length']);
  if (Number.isFinite(declaredLength) && declaredLength > maxBytes) throw documentTooLarge(maxBytes);
  return { content: body, filename: filename ?? null };
}

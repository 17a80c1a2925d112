import multipart from '@fastify/multipart';
import { extractQuerySchema, problemSchema, recognitionResultSchema } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import type { FastifyError, FastifyRequest } from 'fastify';
import { isCodedError, namingFile, recognitionErrors } from '../errors.js';
import type { DeclaredType } from '../sniffing/declared-type.js';
import { extractDocument, type ExtractDeps } from './extract-document.usecase.js';

const FILE_FIELD = 'file';

function tooLarge(maxFileBytes: number): Error {
  return recognitionErrors.fileTooLarge(`the file exceeds RECOGNITION_MAX_FILE_BYTES (${maxFileBytes} bytes)`, [
    { pointer: `/body/${FILE_FIELD}`, message: `larger than ${maxFileBytes} bytes` },
  ]);
}

/** Reads the one file of a multipart upload into memory, enforcing the size limit while it streams. */
async function readMultipartFile(
  request: FastifyRequest,
  maxFileBytes: number,
): Promise<{ bytes: Buffer; declared: DeclaredType }> {
  try {
    const part = await request.file();
    if (!part) {
      throw recognitionErrors.fileMissing('send the file as a multipart part named "file"', [
        { pointer: `/body/${FILE_FIELD}`, message: 'required' },
      ]);
    }
    if (part.fieldname !== FILE_FIELD) {
      part.file.resume();
      throw recognitionErrors.fileMissing(`the file part is named "${part.fieldname}"; it must be "${FILE_FIELD}"`, [
        { pointer: `/body/${part.fieldname}`, message: `unexpected file field; use "${FILE_FIELD}"` },
      ]);
    }
    const bytes = await part.toBuffer();
    return { bytes, declared: { filename: part.filename || null, mime: part.mimetype || null } };
  } catch (error) {
    if (isCodedError(error)) throw error;
    const code = (error as Partial<FastifyError>).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxFileBytes);
    throw recognitionErrors.badUpload(
      `the multipart body cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * `POST /v1/extract`: one file, as the part `file` of a multipart/form-data body or as a raw
 * `application/octet-stream` body (name in `?filename=`), up to `RECOGNITION_MAX_FILE_BYTES`.
 */
export async function registerExtractRoutes(app: HttpApp, deps: ExtractDeps): Promise<void> {
  const { maxFileBytes } = deps.limits;
  await app.register(async (scope: HttpApp) => {
    await scope.register(multipart, {
      limits: { fileSize: maxFileBytes, files: 1, fields: 10, parts: 11, fieldSize: 1024 },
    });
    scope.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: maxFileBytes },
      (_request, body, done) => {
        done(null, body);
      },
    );
    scope.setErrorHandler((error: FastifyError) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw tooLarge(maxFileBytes);
      throw error;
    });

    scope.post(
      '/v1/extract',
      {
        bodyLimit: maxFileBytes,
        schema: {
          tags: ['extraction'],
          summary: 'Extract text, pages, metadata and layout features from one file',
          description:
            'Send the file as the part `file` of a `multipart/form-data` body, or as a raw `application/octet-stream` body ' +
            '(then `?filename=` may carry its name). The type is sniffed from the bytes; PDF (text layer, OCR of pages ' +
            'without one), PNG, JPEG, TIFF (OCR), DOCX, other office formats (through gotenberg or LibreOffice), e-mail ' +
            '(.eml) and plain text are supported.',
          consumes: ['multipart/form-data', 'application/octet-stream'],
          querystring: extractQuerySchema,
          response: {
            200: recognitionResultSchema,
            400: problemSchema,
            413: problemSchema,
            415: problemSchema,
            422: problemSchema,
            502: problemSchema,
          },
        },
      },
      async (request) => {
        const upload = request.isMultipart()
          ? await readMultipartFile(request, maxFileBytes)
          : { bytes: request.body, declared: { filename: request.query.filename ?? null, mime: null } };
        if (!Buffer.isBuffer(upload.bytes)) {
          throw recognitionErrors.fileMissing(
            'send multipart/form-data with a part named "file", or the raw file as application/octet-stream',
            [{ pointer: `/body/${FILE_FIELD}`, message: 'required' }],
          );
        }
        try {
          return await extractDocument(
            { ...deps, logger: request.log },
            { bytes: upload.bytes, declared: upload.declared },
          );
        } catch (error) {
          throw namingFile(error, upload.declared.filename, FILE_FIELD);
        }
      },
    );
  });
}

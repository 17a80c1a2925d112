import multipart from '@fastify/multipart';
import { recognitionRoutes } from '@mlops/contracts';
import { registerRoute, type HttpApp } from '@mlops/http';
import type { FastifyError, FastifyRequest } from 'fastify';
import { isCodedError, namingFile, recognitionErrors } from '../errors.js';
import type { DeclaredType } from '../sniffing/declared-type.js';
import { extractDocument, type ExtractDeps } from './extract-document.usecase.js';

const route = recognitionRoutes.extract;
const FILE_FIELD = route.upload.field;

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
      [...route.upload.rawMediaTypes],
      { parseAs: 'buffer', bodyLimit: maxFileBytes },
      (_request, body, done) => {
        done(null, body);
      },
    );
    scope.setErrorHandler((error: FastifyError) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw tooLarge(maxFileBytes);
      throw error;
    });

    registerRoute(
      scope,
      route,
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
      { bodyLimit: maxFileBytes },
    );
  });
}

import multipart from '@fastify/multipart';
import { recognitionRoutes } from '@mlops/contracts';
import { registerRoute, type HttpApp } from '@mlops/http';
import type { FastifyError, FastifyRequest } from 'fastify';
import type { RecognitionLimits } from '../config.js';
import { isCodedError, namingFile, recognitionErrors } from '../errors.js';
import type { DeclaredType } from '../sniffing/declared-type.js';
import type { ExtractionAdmission, ExtractionWork } from './extraction-work.js';

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

/** What the extract route needs: the limits, and the worker pool files are extracted on. */
export interface ExtractRouteDeps {
  readonly limits: RecognitionLimits;
  readonly work: ExtractionWork;
}

/**
 * `POST /v1/extract`: one file, as the part `file` of a multipart/form-data body or as a raw
 * `application/octet-stream` body (name in `?filename=`), up to `RECOGNITION_MAX_FILE_BYTES`.
 * A place on the extraction workers is taken when the request arrives, before its body is read
 * (503 with Retry-After when none is left), and given back when the answer is sent.
 */
export async function registerExtractRoutes(app: HttpApp, deps: ExtractRouteDeps): Promise<void> {
  const { maxFileBytes } = deps.limits;
  const admissions = new WeakMap<FastifyRequest, ExtractionAdmission>();
  const release = (request: FastifyRequest) => {
    admissions.get(request)?.release();
    admissions.delete(request);
  };
  await app.register(async (scope: HttpApp) => {
    scope.addHook('onRequest', async (request, reply) => {
      if (request.routeOptions.url === route.path) admissions.set(request, deps.work.admit(reply));
    });
    scope.addHook('onResponse', (request, _reply, done) => {
      release(request);
      done();
    });
    scope.addHook('onRequestAbort', (request, done) => {
      release(request);
      done();
    });
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
        const admission = admissions.get(request);
        if (!admission) throw new Error('the extract route ran without an admitted place');
        try {
          return await deps.work.run(admission, { bytes: upload.bytes, declared: upload.declared }, request.log);
        } catch (error) {
          throw namingFile(error, upload.declared.filename, FILE_FIELD);
        }
      },
      { bodyLimit: maxFileBytes },
    );
  });
}

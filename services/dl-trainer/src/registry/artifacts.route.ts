import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import { registryRoutes } from '@mlops/contracts';
import { asAttachment, callerOf, registerRoute, type HttpApp } from '@mlops/http';
import { folderTarball } from './folder-tarball.writer.js';
import { importModelFolder } from './import-folder.usecase.js';
import type { ModelRegistry } from './model-registry.js';
import { registryErrors } from '../errors.js';
import { requireVersion } from './version-lookup.js';

const routes = registryRoutes.versions;
const GZIP_TYPES = [...routes.import.upload.rawMediaTypes];
const FILE_TYPES: Record<string, string> = {
  json: 'application/json',
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};
/** Versions never change, so their files can be cached forever. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

function mediaTypeOf(path: string): string {
  return FILE_TYPES[path.slice(path.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
}

/** The parts of a request an upload is read from. */
interface UploadRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
  isMultipart(): boolean;
  file(): Promise<{ readonly file: Readable } | undefined>;
}

/** The uploaded `.tar.gz` as a stream: the file part of a multipart body, or the raw `application/gzip` body. */
async function uploadedTarball(request: UploadRequest, maxImportBytes: number): Promise<Readable> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxImportBytes + 64 * 1024)
    throw registryErrors.importTooLarge(`the upload is ${declared} bytes; at most ${maxImportBytes}`, [
      { pointer: '/body', message: `larger than ${maxImportBytes} bytes` },
    ]);
  if (request.isMultipart()) {
    const part = await request.file().catch((error: unknown) => {
      if (typeof (error as { statusCode?: unknown }).statusCode === 'number') throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw registryErrors.tarballInvalid(`the multipart body cannot be read: ${reason}`, [
        { pointer: '/body', message: 'malformed multipart body' },
      ]);
    });
    if (!part)
      throw registryErrors.tarballInvalid('the multipart body holds no file', [
        { pointer: '/body/file', message: 'a .tar.gz file part is required' },
      ]);
    return part.file;
  }
  if (request.body instanceof Readable) return request.body;
  const type = request.headers['content-type'];
  throw registryErrors.importMediaType(
    `content type ${typeof type === 'string' ? type : '(none)'}; send multipart/form-data or application/gzip`,
  );
}

/**
 * A model folder in and out: one file (checked against its sha256), the whole folder as a
 * `.tar.gz`, and the import of such a `.tar.gz` as a new version. The upload parsers
 * (multipart, raw gzip) exist only in this scope.
 */
export async function registerArtifactRoutes(app: HttpApp, registry: ModelRegistry): Promise<void> {
  registerRoute(app, routes.file, async (request, reply) => {
    const { name, version, '*': path } = request.params;
    const doc = await requireVersion(registry, name, version);
    const file = doc.files.find((candidate) => candidate.path === path);
    if (!file) throw registryErrors.fileNotFound(`version ${version} of ${name} has no file ${path}`);
    await registry.artifacts.verify(file);
    return asAttachment(reply, { filename: path, mediaType: mediaTypeOf(path) })
      .header('content-length', file.size)
      .header('etag', `"${file.sha256}"`)
      .header('cache-control', IMMUTABLE)
      .send(registry.artifacts.open(file));
  });

  registerRoute(app, routes.tarball, async (request, reply) => {
    const { name, version } = request.params;
    const doc = await requireVersion(registry, name, version);
    for (const file of doc.files) await registry.artifacts.verify(file);
    return asAttachment(reply, { filename: `${name}-${version}.tar.gz`, mediaType: 'application/gzip' })
      .header('x-folder-checksum', doc.folderChecksum)
      .header('etag', `W/"${doc.folderChecksum}"`)
      .header('cache-control', IMMUTABLE)
      .send(folderTarball(registry.artifacts, doc.files, doc.createdAt));
  });

  await app.register(async (scope: HttpApp) => {
    await scope.register(multipart, {
      limits: { files: 1, fields: 5, fieldSize: 1024, fileSize: registry.limits.maxImportBytes + 1 },
    });
    scope.addContentTypeParser(GZIP_TYPES, (_request, payload, done) => {
      done(null, payload);
    });
    registerRoute(scope, routes.import, async (request, reply) => {
      const { name } = request.params;
      const idempotencyKey = request.headers['idempotency-key'];
      const { version, created } = await importModelFolder(registry, {
        name,
        tarball: await uploadedTarball(request, registry.limits.maxImportBytes),
        createdBy: callerOf(request).owner,
        idempotencyKey: typeof idempotencyKey === 'string' && idempotencyKey ? idempotencyKey.slice(0, 200) : undefined,
        requestId: request.id,
      });
      return reply
        .code(created ? 201 : 200)
        .header('location', `/v1/models/${name}/versions/${version.version}`)
        .send(version);
    });
  });
}

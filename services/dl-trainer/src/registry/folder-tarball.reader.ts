import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { ByteMeter } from '@mlops/clients';
import { AppError } from '@mlops/http';
import { MongoError } from 'mongodb';
import tar from 'tar-stream';
import type { ArtifactOwner, ArtifactStore, StoredArtifactFile } from './artifact-store.js';
import { checkArtifactPath, checkUniquePaths, pointerToken, rootedPaths } from './artifact-folder.js';
import type { RegistryConfig } from './registry.config.js';
import { registryErrors } from '../errors.js';
import { TarLimitsGuard } from './tar-limits.js';

const REGULAR_FILE_TYPES = new Set(['file', 'contiguous-file']);

/** Fails once more than `maxBytes` bytes went through (the compressed upload). */
function uploadLimit(maxBytes: number): ByteMeter {
  return new ByteMeter({
    maxBytes,
    tooLarge: () =>
      registryErrors.importTooLarge(`the upload exceeds ${maxBytes} bytes`, [
        { pointer: '/body', message: `larger than ${maxBytes} bytes` },
      ]),
  });
}

/** Pax and long-name headers a tar reader buffers whole are refused past this. */
const MAX_HEADER_DATA_BYTES = 1024 * 1024;

/** Bounds the uncompressed stream: the folder, plus at most a header and padding per entry, plus the end blocks. */
function tarLimits(limits: RegistryConfig['limits']): TarLimitsGuard {
  const refuse = (detail: string) => registryErrors.importTooLarge(detail, [{ pointer: '/body', message: detail }]);
  return new TarLimitsGuard(
    {
      maxBytes: limits.maxFolderBytes + limits.maxTarEntries * 1024 + 64 * 1024,
      maxEntries: limits.maxTarEntries,
      maxHeaderDataBytes: MAX_HEADER_DATA_BYTES,
    },
    refuse,
    (detail) =>
      registryErrors.tarballInvalid(`the body is not a readable .tar.gz: ${detail}`, [
        { pointer: '/body', message: detail },
      ]),
  );
}

/** A gzip or tar decoding failure, as the problem a client can act on. */
function invalidTarball(error: unknown): Error {
  if (error instanceof AppError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return registryErrors.tarballInvalid(`the body is not a readable .tar.gz: ${reason}`, [
    { pointer: '/body', message: reason },
  ]);
}

function entryName(name: string): string {
  return name.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}

/**
 * Streams a `.tar.gz` folder into the artifact store, file by file, never holding it whole;
 * a tar bomb (too many entries, huge extended headers, more bytes than the folder may hold) is
 * stopped as gunzip produces it (TarLimitsGuard).
 * Refuses, before storing anything further: a body that is not gzip or not tar, an entry that
 * is not a regular file or folder (links, devices), a path that is absolute, climbs out (`..`)
 * or uses other characters, a repeated path, more files than allowed, and more bytes than
 * allowed compressed or uncompressed. On any failure every file stored so far is removed.
 * Paths come back relative to the folder root (a single top folder holding the manifest is
 * dropped).
 */
export async function storeFolderTarball(
  store: ArtifactStore,
  body: Readable,
  limits: RegistryConfig['limits'],
  owner: ArtifactOwner,
): Promise<StoredArtifactFile[]> {
  const stored: StoredArtifactFile[] = [];
  const extract = tar.extract();
  const feeding = pipeline(body, uploadLimit(limits.maxImportBytes), createGunzip(), tarLimits(limits), extract);
  feeding.catch(() => undefined);
  try {
    let budget = limits.maxFolderBytes;
    const iterator = extract[Symbol.asyncIterator]();
    for (;;) {
      const next = await iterator.next().catch((error: unknown) => {
        throw invalidTarball(error);
      });
      if (next.done) break;
      const entry = next.value;
      const name = entryName(entry.header.name);
      if (entry.header.type === 'directory') {
        entry.resume();
        continue;
      }
      if (!REGULAR_FILE_TYPES.has(entry.header.type)) {
        throw registryErrors.unsafePath(`${JSON.stringify(name)}: a ${entry.header.type} entry`, [
          { pointer: `/body/${pointerToken(name)}`, message: 'only regular files and folders are allowed' },
        ]);
      }
      checkArtifactPath(name, '/body');
      checkUniquePaths([...stored.map((file) => file.path), name], '/body');
      if (stored.length >= limits.maxFiles)
        throw registryErrors.importTooLarge(`more than ${limits.maxFiles} files`, [
          { pointer: '/body', message: `at most ${limits.maxFiles} files` },
        ]);
      const size = entry.header.size;
      if (size > budget)
        throw registryErrors.importTooLarge(`${name} (${size} bytes) goes past the folder limit`, [
          { pointer: `/body/${pointerToken(name)}`, message: `folder larger than ${limits.maxFolderBytes} bytes` },
        ]);
      const file = await store.put(name, Readable.from(entry), owner, budget).catch((error: unknown) => {
        throw error instanceof MongoError ? error : invalidTarball(error);
      });
      stored.push(file);
      budget -= file.size;
    }
    await feeding.catch((error: unknown) => {
      throw invalidTarball(error);
    });
    const rooted = rootedPaths(stored.map((file) => file.path));
    return stored.map((file) => ({ ...file, path: rooted(file.path) }));
  } catch (error) {
    extract.destroy();
    body.destroy();
    await store.discard(stored);
    throw error;
  }
}

import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { UpstreamError } from '@mlops/clients';
import type { ModelVersion } from '@mlops/contracts';
import type { Logger } from '@mlops/logger';
import { ArtifactChecksumError } from '../artifact-checksum-error.js';
import { sha256OffThread as sha256 } from '../serving/model-files-reader.js';
import type { RegistryClient } from './registry-client.js';

/** The files of one model version, each checked against the registry's sha256. */
export type VerifiedFolder = ReadonlyMap<string, Buffer>;

async function readIfPresent(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
}

type ModelFile = ModelVersion['files'][number];

/**
 * The bytes of one file of a version, read up to the size the registry lists for it: a longer
 * answer is cut there and refused as ArtifactChecksumError.
 */
async function download(registry: RegistryClient, version: ModelVersion, file: ModelFile): Promise<Buffer> {
  try {
    const answer = await registry.versions.file(
      { params: { name: version.name, version: version.version, '*': file.path } },
      { maxResponseBytes: file.size },
    );
    return await buffer(answer.body);
  } catch (error) {
    if (error instanceof UpstreamError && error.code === 'UPSTREAM_TOO_LARGE') {
      throw new ArtifactChecksumError(
        `${version.name} v${version.version} ${file.path}: more than the ${file.size} bytes the registry lists with sha256 ${file.sha256}`,
      );
    }
    throw error;
  }
}

async function writeAtomically(path: string, bytes: Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomUUID()}.partial`;
  await writeFile(temporary, bytes);
  await rename(temporary, path);
}

/**
 * Gets every file of a version: from the disk cache (`<cacheDir>/<name>/<version>/<path>`) when
 * its bytes still match the registry's sha256, else from the registry, checked, then cached. A
 * cached file that no longer matches is logged, removed and downloaded again; a download that does
 * not match (or is longer than listed) throws `ArtifactChecksumError` and nothing is cached.
 */
export async function fetchVerifiedFolder(
  registry: RegistryClient,
  cacheDir: string,
  version: ModelVersion,
  logger: Logger,
): Promise<VerifiedFolder> {
  const files = new Map<string, Buffer>();
  for (const file of version.files) {
    const cachedPath = join(cacheDir, version.name, String(version.version), ...file.path.split('/'));
    const cached = await readIfPresent(cachedPath);
    const checked = cached === undefined ? undefined : await sha256(cached);
    if (checked?.sha256 === file.sha256) {
      files.set(file.path, checked.bytes);
      continue;
    }
    if (cached !== undefined) {
      logger.warn(
        { model: version.name, version: version.version, path: file.path },
        'cached model file fails its sha256; downloading it again',
      );
      await rm(cachedPath, { force: true });
    }
    const downloaded = await sha256(await download(registry, version, file));
    if (downloaded.sha256 !== file.sha256) {
      throw new ArtifactChecksumError(
        `${version.name} v${version.version} ${file.path}: sha256 ${downloaded.sha256}, the registry lists ${file.sha256}`,
      );
    }
    await writeAtomically(cachedPath, downloaded.bytes);
    files.set(file.path, downloaded.bytes);
  }
  return files;
}

import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { ModelVersion } from '@mlops/contracts';
import { MANIFEST_PATH } from './artifact-folder.js';
import { commitVersion, registrationKeyOf } from './commit-version.usecase.js';
import { storeFolderTarball } from './folder-tarball.reader.js';
import { readManifestEssentials } from './manifest-check.js';
import type { ModelRegistry } from './model-registry.js';
import { toModelVersion } from './model-version.repository.js';
import { registryErrors } from '../errors.js';

/** An uploaded `.tar.gz` folder to import as a new version. */
export interface ImportFolderInput {
  readonly name: string;
  readonly tarball: Readable;
  readonly createdBy: string;
  /** From the `Idempotency-Key` header: a retried upload returns the version the first one made. */
  readonly idempotencyKey?: string | undefined;
  readonly requestId?: string | undefined;
}

/**
 * Imports a model folder exported from a registry (or packed by hand) as the next version of
 * `name`: "export to production" is copying this folder. The folder must hold `manifest.json`
 * with at least `labels`; labels, metrics and lineage are read from it. Nothing stays behind
 * when the folder is refused.
 */
export async function importModelFolder(
  registry: ModelRegistry,
  input: ImportFolderInput,
): Promise<{ version: ModelVersion; created: boolean }> {
  const registrationKey = registrationKeyOf(input.name, input.idempotencyKey);
  if (input.idempotencyKey !== undefined) {
    const existing = await registry.versions.findByRegistrationKey(registrationKey);
    if (existing) {
      input.tarball.resume();
      return { version: toModelVersion(existing), created: false };
    }
  }
  const files = await storeFolderTarball(registry.artifacts, input.tarball, registry.limits, {
    model: input.name,
    uploadId: randomUUID(),
  });
  try {
    if (files.length === 0)
      throw registryErrors.emptyFolder('the archive holds no file', [{ pointer: '/body', message: 'empty folder' }]);
    const manifestFile = files.find((file) => file.path === MANIFEST_PATH);
    if (!manifestFile)
      throw registryErrors.manifestMissing(`no ${MANIFEST_PATH} at the root of the folder`, [
        { pointer: `/body/${MANIFEST_PATH}`, message: 'required' },
      ]);
    if (manifestFile.size > registry.limits.maxManifestBytes)
      throw registryErrors.importTooLarge(`${MANIFEST_PATH} is over ${registry.limits.maxManifestBytes} bytes`, [
        { pointer: `/body/${MANIFEST_PATH}`, message: `larger than ${registry.limits.maxManifestBytes} bytes` },
      ]);
    const manifest = readManifestEssentials(await registry.artifacts.read(manifestFile));
    const { version, created } = await commitVersion(
      registry,
      {
        name: input.name,
        source: 'import',
        createdBy: input.createdBy,
        runId: manifest.lineage?.runId,
        lineage: manifest.lineage,
        labels: manifest.labels,
        metrics: manifest.metrics,
        files,
      },
      registrationKey,
      input.requestId,
    );
    if (!created) await registry.artifacts.discard(files);
    return { version: toModelVersion(version), created };
  } catch (error) {
    await registry.artifacts.discard(files);
    throw error;
  }
}

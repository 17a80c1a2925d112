import type { ModelVersion } from '@mlops/contracts';
import { registrationKeyOf } from './commit-version.usecase.js';
import type { ModelRegistry } from './model-registry.js';
import { toModelVersion } from './model-version.repository.js';
import { registryErrors } from '../errors.js';
import { requireVersion } from './version-lookup.js';

/** One file of a version, whole, checked against its sha256 (REGISTRY_ARTIFACT_CORRUPTED otherwise). */
export async function readModelFile(
  registry: ModelRegistry,
  name: string,
  version: number,
  path: string,
): Promise<Buffer> {
  const doc = await requireVersion(registry, name, version);
  const file = doc.files.find((candidate) => candidate.path === path);
  if (!file) throw registryErrors.fileNotFound(`version ${version} of ${name} has no file ${path}`);
  return registry.artifacts.read(file);
}

/** The version an earlier `registerModelVersion` stored under this key (the run id), if any: lets a redelivered job skip training. */
export async function findVersionByIdempotencyKey(
  registry: ModelRegistry,
  name: string,
  idempotencyKey: string,
): Promise<ModelVersion | undefined> {
  const doc = await registry.versions.findByRegistrationKey(registrationKeyOf(name, idempotencyKey));
  return doc ? toModelVersion(doc) : undefined;
}

import { latestVersionOf, type ModelRegistry } from './model-registry.js';
import type { ModelVersionDocument } from './model-version.repository.js';
import { registryErrors } from '../errors.js';

/**
 * The stored version, or a 404 that says which part is unknown: REGISTRY_MODEL_NOT_FOUND when
 * the model has no version at all, else REGISTRY_VERSION_NOT_FOUND (located at `pointer` when
 * the number came from a body).
 */
export async function requireVersion(
  registry: ModelRegistry,
  name: string,
  version: number,
  pointer?: string,
): Promise<ModelVersionDocument> {
  const doc = await registry.versions.find(name, version);
  if (doc) return doc;
  if ((await latestVersionOf(registry, name)) === 0) throw registryErrors.modelNotFound(`no model ${name}`);
  throw registryErrors.versionNotFound(
    `model ${name} has no version ${version}`,
    pointer ? [{ pointer, message: 'no such version' }] : undefined,
  );
}

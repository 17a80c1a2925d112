import { randomUUID } from 'node:crypto';
import type { ModelLineage, ModelMetrics, ModelVersion } from '@mlops/contracts';
import type { StoredArtifactFile } from './artifact-store.js';
import { folderChecksum } from '@mlops/clients';
import { latestVersionOf, type ModelRegistry } from './model-registry.js';
import { versionId, type ModelVersionDocument } from './model-version.repository.js';

/** Everything a new version holds once its files are stored. */
export interface VersionDraft {
  readonly name: string;
  readonly source: ModelVersion['source'];
  readonly createdBy: string;
  readonly runId?: string | undefined;
  readonly lineage?: ModelLineage | undefined;
  readonly labels: readonly string[];
  readonly metrics: ModelMetrics;
  readonly files: readonly StoredArtifactFile[];
}

/** A bound on claim attempts: each failed one means another version was just stored. */
const MAX_CLAIMS = 1000;

/** The registration key of a version: one key, at most one version of the model. */
export function registrationKeyOf(name: string, idempotencyKey: string | undefined): string {
  return `${name}/${idempotencyKey ?? `once:${randomUUID()}`}`;
}

/**
 * Stores a version whose files are already in GridFS, under the next free number, and announces
 * it. The version document is the last write, so a failure before it leaves no version (the
 * caller removes the files). When a version with the same registration key exists, or appears
 * while claiming, that version is returned with `created: false` and the draft's files are the
 * caller's to remove.
 */
export async function commitVersion(
  registry: ModelRegistry,
  draft: VersionDraft,
  registrationKey: string,
  requestId?: string,
): Promise<{ version: ModelVersionDocument; created: boolean }> {
  const files = [...draft.files].sort((a, b) => (a.path < b.path ? -1 : 1));
  for (let attempt = 0; attempt < MAX_CLAIMS; attempt += 1) {
    const number = (await latestVersionOf(registry, draft.name)) + 1;
    const doc: ModelVersionDocument = {
      _id: versionId(draft.name, number),
      name: draft.name,
      version: number,
      registrationKey,
      source: draft.source,
      createdAt: new Date(),
      createdBy: draft.createdBy,
      ...(draft.runId === undefined ? {} : { runId: draft.runId }),
      ...(draft.lineage === undefined ? {} : { lineage: draft.lineage }),
      labels: [...draft.labels],
      metricsJson: JSON.stringify(draft.metrics),
      files,
      folderChecksum: folderChecksum(files),
      totalBytes: files.reduce((sum, file) => sum + file.size, 0),
    };
    await registry.events.expect('registered', doc._id);
    let inserted: boolean;
    try {
      inserted = await registry.versions.insert(doc);
    } catch (error) {
      await registry.events.withdraw('registered', doc._id);
      throw error;
    }
    if (inserted) {
      await registry.models.noteVersion(doc.name, doc.version);
      await registry.events.registered(doc, requestId);
      return { version: doc, created: true };
    }
    const existing = await registry.versions.findByRegistrationKey(registrationKey);
    if (existing) return { version: existing, created: false };
  }
  throw new Error(`could not claim a version number of ${draft.name} in ${MAX_CLAIMS} attempts`);
}

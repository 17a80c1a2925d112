import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  labelValueSchema,
  modelLineageSchema,
  modelMetricsSchema,
  modelNameSchema,
  type ModelLineage,
  type ModelMetrics,
  type ModelVersion,
} from '@mlops/contracts';
import { parseOrThrow } from '@mlops/http';
import { z } from 'zod';
import type { StoredArtifactFile } from './artifact-store.js';
import { checkArtifactPath, checkUniquePaths } from './artifact-folder.js';
import { commitVersion, registrationKeyOf } from './commit-version.usecase.js';
import type { ModelRegistry } from './model-registry.js';
import { toModelVersion } from './model-version.repository.js';
import { registryErrors } from '../errors.js';

/** What the trainer hands over to register the folder it produced. */
export interface RegisterModelVersionInput {
  readonly name: string;
  /** The folder: `manifest.json`, `model.onnx` ...; paths relative, `/`-separated. */
  readonly files: readonly { readonly path: string; readonly content: Buffer | Readable }[];
  readonly lineage: ModelLineage;
  /** The labels the model predicts. */
  readonly labels: readonly string[];
  readonly metrics: ModelMetrics;
  readonly runId?: string;
  readonly createdBy: string;
  /**
   * Makes the call idempotent: a second call with the same key (a redelivered job) returns the
   * version the first one stored instead of adding one. Defaults to `runId`; without either,
   * every call makes a new version.
   */
  readonly idempotencyKey?: string;
  readonly requestId?: string;
}

const inputSchema = z.object({
  name: modelNameSchema,
  lineage: modelLineageSchema,
  labels: z.array(labelValueSchema).min(1).max(100_000),
  metrics: modelMetricsSchema,
  runId: z.string().min(1).max(128).optional(),
  createdBy: z.string().min(1).max(128),
  idempotencyKey: z.string().min(1).max(200).optional(),
});

/**
 * Registers a model folder as the next version of `name` (1, 2, 3 ... never reused, safe under
 * concurrent calls), stores its files in GridFS with their sha256 and the folder checksum, and
 * publishes `model.registered`. Exactly one version per idempotency key (the run id by default):
 * a repeated call, even concurrent or after a crash, returns the first one's version and stores
 * nothing. On failure nothing stays behind.
 */
export async function registerModelVersion(
  registry: ModelRegistry,
  input: RegisterModelVersionInput,
): Promise<ModelVersion> {
  const checked = parseOrThrow(inputSchema, { ...input, files: undefined }, '/input', registryErrors.versionInvalid);
  if (input.files.length === 0) throw registryErrors.emptyFolder(`version of ${checked.name} has no file`);
  if (input.files.length > registry.limits.maxFiles)
    throw registryErrors.importTooLarge(`${input.files.length} files; at most ${registry.limits.maxFiles}`);
  for (const file of input.files) checkArtifactPath(file.path, '/input/files');
  checkUniquePaths(
    input.files.map((file) => file.path),
    '/input/files',
  );
  const runId = checked.runId ?? checked.lineage.runId;
  const idempotencyKey = checked.idempotencyKey ?? runId;
  const registrationKey = registrationKeyOf(checked.name, idempotencyKey);
  if (idempotencyKey !== undefined) {
    const existing = await registry.versions.findByRegistrationKey(registrationKey);
    if (existing) return toModelVersion(existing);
  }

  const owner = { model: checked.name, uploadId: randomUUID() };
  const stored: StoredArtifactFile[] = [];
  try {
    let budget = registry.limits.maxFolderBytes;
    for (const file of input.files) {
      const source = Buffer.isBuffer(file.content) ? Readable.from([file.content]) : file.content;
      const put = await registry.artifacts.put(file.path, source, owner, budget);
      stored.push(put);
      budget -= put.size;
    }
    const { version, created } = await commitVersion(
      registry,
      {
        name: checked.name,
        source: 'training',
        createdBy: checked.createdBy,
        runId,
        lineage: { ...checked.lineage, ...(runId === undefined ? {} : { runId }) },
        labels: checked.labels,
        metrics: checked.metrics,
        files: stored,
      },
      registrationKey,
      input.requestId,
    );
    if (!created) await registry.artifacts.discard(stored);
    return toModelVersion(version);
  } catch (error) {
    await registry.artifacts.discard(stored);
    throw error;
  }
}

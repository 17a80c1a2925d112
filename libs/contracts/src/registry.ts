import { z } from 'zod';
import { labelValueSchema } from './documents.js';

const slugPattern = /^[a-z0-9][a-z0-9._-]*$/;

/** A registered model's name: the same slug as `modelName` of a training job. */
export const modelNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(slugPattern, 'lowercase letters, digits, ".", "_" and "-", starting with a letter or digit');

/**
 * The problems the model registry answers: code, HTTP status and title. The registry and the
 * stand-in registry both define their errors from this table, so the two answer alike.
 */
export const REGISTRY_ERRORS = {
  modelNotFound: { code: 'REGISTRY_MODEL_NOT_FOUND', status: 404, title: 'Model not found' },
  versionNotFound: { code: 'REGISTRY_VERSION_NOT_FOUND', status: 404, title: 'Model version not found' },
  fileNotFound: { code: 'REGISTRY_FILE_NOT_FOUND', status: 404, title: 'File not found in the model version' },
  aliasNotFound: { code: 'REGISTRY_ALIAS_NOT_FOUND', status: 404, title: 'Alias not found' },
  runNotFound: { code: 'REGISTRY_RUN_NOT_FOUND', status: 404, title: 'Training run not found' },
  runConflict: { code: 'REGISTRY_RUN_CONFLICT', status: 409, title: 'Training run belongs to another job or model' },
  artifactCorrupted: { code: 'REGISTRY_ARTIFACT_CORRUPTED', status: 500, title: 'Stored artifact failed its checksum' },
  tarballInvalid: { code: 'REGISTRY_TARBALL_INVALID', status: 400, title: 'Not a valid .tar.gz folder' },
  unsafePath: { code: 'REGISTRY_UNSAFE_PATH', status: 400, title: 'Unsafe or invalid file path in the folder' },
  duplicatePath: { code: 'REGISTRY_DUPLICATE_PATH', status: 400, title: 'The same path appears twice in the folder' },
  emptyFolder: { code: 'REGISTRY_EMPTY_FOLDER', status: 400, title: 'The folder holds no file' },
  manifestMissing: { code: 'REGISTRY_MANIFEST_MISSING', status: 422, title: 'manifest.json missing from the folder' },
  manifestInvalid: { code: 'REGISTRY_MANIFEST_INVALID', status: 422, title: 'manifest.json is invalid' },
  importTooLarge: { code: 'REGISTRY_IMPORT_TOO_LARGE', status: 413, title: 'Folder or upload too large' },
  importMediaType: {
    code: 'REGISTRY_IMPORT_MEDIA_TYPE',
    status: 415,
    title: 'Upload a .tar.gz as multipart or application/gzip',
  },
  versionInvalid: { code: 'REGISTRY_VERSION_INVALID', status: 400, title: 'Invalid model version input' },
  runInvalid: { code: 'REGISTRY_RUN_INVALID', status: 400, title: 'Invalid training run input' },
  reportNotFound: { code: 'REGISTRY_REPORT_NOT_FOUND', status: 404, title: 'No report recorded for the model version' },
} as const;

/** The codes of `REGISTRY_ERRORS`, by name. */
export const REGISTRY_ERROR_CODES = Object.fromEntries(
  Object.entries(REGISTRY_ERRORS).map(([name, error]) => [name, error.code]),
) as { readonly [K in keyof typeof REGISTRY_ERRORS]: (typeof REGISTRY_ERRORS)[K]['code'] };

/** The standard stages a model version moves through; each is an alias. */
export const STANDARD_MODEL_STAGES = ['candidate', 'staging', 'production', 'archived'] as const;

/** An alias of a model: one of the standard stages or any other slug (`shadow`, `canary`). */
export const modelAliasSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[a-z][a-z0-9-]*$/, 'lowercase letters, digits and "-", starting with a letter');

/**
 * A file's path inside a model folder: `/`-separated segments of letters, digits, `.`, `_` and
 * `-`, none starting with a dot (so no `.`, `..` or hidden files), at most 16 deep.
 */
export const artifactPathSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(
    /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*){0,15}$/,
    'relative path of letters, digits, ".", "_", "-" segments separated by "/", no segment starting with "."',
  );

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex sha256');

/** Where a model version came from: the frozen dataset version it was trained on, and its run. */
export const modelLineageSchema = z.strictObject({
  datasetName: modelNameSchema,
  datasetVersion: z.number().int().min(1),
  datasetContentHash: sha256Schema,
  runId: z.string().min(1).max(128).optional(),
  /** The study and trial whose training job produced the version, when a study did. */
  study: z.strictObject({ id: z.uuid(), trialNumber: z.number().int().min(0) }).optional(),
});
export type ModelLineage = z.infer<typeof modelLineageSchema>;

const MAX_METRICS_JSON_CHARS = 1_000_000;

/**
 * A metrics summary: each key holds a number (`macroF1`) or a JSON object (`perClass`,
 * `confusionMatrix`). Kept as free JSON; at most 1,000,000 characters serialised. (Not
 * `z.json()`: its recursive schema leaves an unresolvable `$ref` in the OpenAPI document.)
 */
export const modelMetricsSchema = z
  .record(z.string().min(1).max(128), z.union([z.number(), z.record(z.string(), z.unknown())]))
  .refine((value) => JSON.stringify(value).length <= MAX_METRICS_JSON_CHARS, 'at most 1,000,000 characters as JSON');
export type ModelMetrics = z.infer<typeof modelMetricsSchema>;

/** One file of a model folder. */
export const modelFileSchema = z.object({
  path: artifactPathSchema,
  size: z.number().int().min(0),
  sha256: sha256Schema,
});

/** An immutable model version: its folder of files, lineage, labels and metrics. */
export const modelVersionSchema = z.object({
  name: modelNameSchema,
  version: z.number().int().min(1),
  source: z.enum(['training', 'import']),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  runId: z.string().optional(),
  lineage: modelLineageSchema.optional(),
  labels: z.array(labelValueSchema),
  metrics: modelMetricsSchema,
  files: z.array(modelFileSchema),
  /** sha256 over the sorted lines `<path>\0<sha256>\n` of the files: equal folders, equal checksums. */
  folderChecksum: sha256Schema,
  totalBytes: z.number().int().min(0),
});
export type ModelVersion = z.infer<typeof modelVersionSchema>;

/** A model in the list of `GET /v1/models`: its latest version and where each alias points. */
export const modelSummarySchema = z.object({
  name: modelNameSchema,
  createdAt: z.iso.datetime(),
  latestVersion: z.number().int().min(1),
  aliases: z.record(z.string(), z.number().int().min(1)),
});

/** One move of an alias, as audited: who moved it, when, why, from which version to which. */
export const aliasMoveSchema = z.object({
  name: modelNameSchema,
  alias: modelAliasSchema,
  /** 1 for the alias's first move, then +1 per move. */
  sequence: z.number().int().min(1),
  /** The version the alias points at after the move; null when the move removed the alias. */
  version: z.number().int().min(1).nullable(),
  previousVersion: z.number().int().min(1).nullable(),
  movedBy: z.string(),
  reason: z.string(),
  movedAt: z.iso.datetime(),
});
export type AliasMove = z.infer<typeof aliasMoveSchema>;

/** `GET /v1/models/{name}/aliases/{alias}`: the alias's latest move and the version it points to. */
export const resolvedAliasSchema = aliasMoveSchema.extend({
  version: z.number().int().min(1),
  modelVersion: modelVersionSchema,
});

/** Query of `DELETE /v1/models/{name}/aliases/{alias}`: why the alias is removed (audited). */
export const removeAliasQuerySchema = z.strictObject({
  reason: z.string().trim().min(1).max(1000),
});

/** Body of `PUT /v1/models/{name}/aliases/{alias}`. */
export const moveAliasBodySchema = z.strictObject({
  version: z.number().int().min(1),
  reason: z.string().trim().min(1).max(1000),
});

/**
 * The PDF report bound to a model version, as the reporter records it in the registry: its
 * sha256 and size, when it was rendered, and where to download it.
 */
export const modelReportRecordSchema = z.strictObject({
  sha256: sha256Schema,
  size: z.number().int().min(1),
  renderedAt: z.iso.datetime(),
  /** Where the PDF is served (the reporter's URL). */
  url: z.string().min(1).max(2048),
});
export type ModelReportRecord = z.infer<typeof modelReportRecordSchema>;

/** A model version's report record, with the version it belongs to. */
export const modelReportSchema = modelReportRecordSchema.extend({
  name: modelNameSchema,
  version: z.number().int().min(1),
  recordedBy: z.string(),
});

export const modelParamsSchema = z.object({ name: modelNameSchema });
export const modelVersionParamsSchema = z.object({
  name: modelNameSchema,
  version: z.coerce.number().int().min(1),
});
export const modelFileParamsSchema = modelVersionParamsSchema.extend({ '*': artifactPathSchema });
export const modelAliasParamsSchema = z.object({ name: modelNameSchema, alias: modelAliasSchema });

export const trainingRunStatusSchema = z.enum(['running', 'succeeded', 'failed']);
export type TrainingRunStatus = z.infer<typeof trainingRunStatusSchema>;

/** The metrics of one epoch (`loss`, `valLoss`, `valAccuracy` ...). */
export const epochMetricsSchema = z
  .record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'letters, digits and "_", starting with a letter'),
    z.number(),
  )
  .refine((value) => Object.keys(value).length <= 64, 'at most 64 metrics per epoch');

/** Where a run ran: enough to reproduce or explain a difference. */
export const runEnvironmentSchema = z.object({
  nodeVersion: z.string(),
  platform: z.string(),
  arch: z.string(),
  cpuModel: z.string(),
  cpuCount: z.number().int().min(0),
  /** The compute backend the trainer used (`wasm`, `cpu`, `tensorflow` ...). */
  backend: z.string(),
});

/** A training run: its resolved config, per-epoch metrics, final evaluation, environment and timings. */
export const trainingRunSchema = z.object({
  id: z.string(),
  jobId: z.string(),
  modelName: modelNameSchema,
  status: trainingRunStatusSchema,
  /** The resolved TrainingConfig, as JSON. */
  config: z.unknown(),
  epochs: z.array(z.object({ epoch: z.number().int().min(0), metrics: epochMetricsSchema, at: z.iso.datetime() })),
  evaluation: modelMetricsSchema.optional(),
  environment: runEnvironmentSchema,
  codeVersion: z.string(),
  timings: z.object({
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().optional(),
    durationMs: z.number().min(0).optional(),
    /** Milliseconds spent per phase (`load`, `fit`, `evaluate`, `export` ...). */
    phasesMs: z.record(z.string(), z.number().min(0)),
  }),
  attempts: z.number().int().min(1),
  modelVersion: z.object({ name: modelNameSchema, version: z.number().int().min(1) }).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type TrainingRun = z.infer<typeof trainingRunSchema>;

export const trainingRunParamsSchema = z.object({ id: z.string().min(1).max(128) });

/** Query of `GET /v1/runs`. */
export const trainingRunListQuerySchema = z.object({
  modelName: modelNameSchema.optional(),
  jobId: z.string().min(1).max(128).optional(),
  status: trainingRunStatusSchema.optional(),
});

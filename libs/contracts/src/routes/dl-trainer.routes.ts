import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../pagination.js';
import {
  aliasMoveSchema,
  modelAliasParamsSchema,
  modelFileParamsSchema,
  modelParamsSchema,
  modelSummarySchema,
  modelVersionParamsSchema,
  modelVersionSchema,
  moveAliasBodySchema,
  removeAliasQuerySchema,
  resolvedAliasSchema,
  STANDARD_MODEL_STAGES,
  trainingRunListQuerySchema,
  trainingRunParamsSchema,
  trainingRunSchema,
} from '../registry.js';
import { defineRoute } from '../route.js';
import {
  trainingJobListQuerySchema,
  trainingJobParamsSchema,
  trainingJobRequestSchema,
  trainingJobSchema,
} from '../training-job.js';

const service = 'dl-trainer';
const STAGES_NOTE = `Standard stages: ${STANDARD_MODEL_STAGES.map((stage) => `\`${stage}\``).join(', ')}; any other slug (\`shadow\`, \`canary\`) works the same way.`;

/** The model registry's routes (`/v1/models/...`), answered by dl-trainer. */
export const registryRoutes = {
  models: {
    list: defineRoute({
      service,
      method: 'GET',
      path: '/v1/models',
      tags: ['models'],
      scope: 'read',
      summary: 'List models, newest first, with their latest version and aliases',
      query: pageQuerySchema,
      responses: { 200: pageSchema(modelSummarySchema) },
      errors: [400],
    }),
    get: defineRoute({
      service,
      method: 'GET',
      path: '/v1/models/:name',
      tags: ['models'],
      scope: 'read',
      summary: 'Get a model: latest version and aliases',
      params: modelParamsSchema,
      responses: { 200: modelSummarySchema },
      errors: [400, 404],
    }),
  },
  versions: {
    list: defineRoute({
      service,
      method: 'GET',
      path: '/v1/models/:name/versions',
      tags: ['models'],
      scope: 'read',
      summary: 'List the versions of a model, newest first',
      params: modelParamsSchema,
      query: pageQuerySchema,
      responses: { 200: pageSchema(modelVersionSchema) },
      errors: [400, 404],
    }),
    get: defineRoute({
      service,
      method: 'GET',
      path: '/v1/models/:name/versions/:version',
      tags: ['models'],
      scope: 'read',
      summary: 'Get one version (immutable). To resolve an alias use GET /v1/models/{name}/aliases/{alias}',
      params: modelVersionParamsSchema,
      responses: { 200: modelVersionSchema },
      errors: [400, 404],
    }),
    file: defineRoute({
      service,
      method: 'GET',
      path: '/v1/models/:name/versions/:version/files/*',
      tags: ['models'],
      scope: 'read',
      summary: 'Download one file of a version, checked against its sha256',
      description:
        'Streams the bytes with `etag` = the sha256. A file whose stored bytes no longer match answers 500 REGISTRY_ARTIFACT_CORRUPTED.',
      params: modelFileParamsSchema,
      responses: {},
      stream: { kind: 'file', mediaType: 'application/octet-stream', headers: ['etag'] },
      errors: [400, 404, 500],
    }),
    tarball: defineRoute({
      service,
      method: 'GET',
      path: '/v1/models/:name/versions/:version/artifact.tar.gz',
      tags: ['models'],
      scope: 'read',
      summary: 'Download the version folder as a .tar.gz (files checked against their sha256)',
      description:
        'The same version always gives the same archive. `x-folder-checksum` carries the folder checksum; ' +
        'importing the archive elsewhere gives a version with that checksum.',
      params: modelVersionParamsSchema,
      responses: {},
      stream: { kind: 'file', mediaType: 'application/gzip', headers: ['x-folder-checksum', 'etag'] },
      errors: [400, 404, 500],
    }),
    import: defineRoute({
      service,
      method: 'POST',
      path: '/v1/models/:name/versions',
      tags: ['models'],
      scope: 'promote',
      summary: 'Import a .tar.gz model folder as the next version',
      description:
        'Body: the archive as `application/gzip` (or `application/octet-stream`), or a multipart/form-data file part. ' +
        'The folder must hold `manifest.json` with at least `labels` (metrics and lineage are read when present). ' +
        'Refused archives (not gzip/tar, links, `..` or absolute paths, no manifest, too large) leave nothing stored. ' +
        'An `idempotency-key` header makes a retried upload return the first one’s version (200).',
      params: modelParamsSchema,
      upload: {
        field: 'file',
        rawMediaTypes: ['application/gzip', 'application/x-gzip', 'application/x-tar+gzip', 'application/octet-stream'],
        description: 'the model folder as a .tar.gz',
      },
      responses: { 200: modelVersionSchema, 201: modelVersionSchema },
      errors: [400, 413, 415, 422],
    }),
  },
  aliases: {
    list: defineRoute({
      service,
      method: 'GET',
      path: '/v1/models/:name/aliases',
      tags: ['aliases'],
      scope: 'read',
      summary: 'List the aliases of a model with their current version',
      description: STAGES_NOTE,
      params: modelParamsSchema,
      responses: { 200: z.object({ items: z.array(aliasMoveSchema) }) },
      errors: [400, 404],
    }),
    resolve: defineRoute({
      service,
      method: 'GET',
      path: '/v1/models/:name/aliases/:alias',
      tags: ['aliases'],
      scope: 'read',
      summary: 'Resolve an alias: its latest move and the version it points at',
      description: `Use this to find, for example, the production version, then fetch its files by number. ${STAGES_NOTE}`,
      params: modelAliasParamsSchema,
      responses: { 200: resolvedAliasSchema },
      errors: [400, 404],
    }),
    put: defineRoute({
      service,
      method: 'PUT',
      path: '/v1/models/:name/aliases/:alias',
      tags: ['aliases'],
      scope: 'promote',
      summary: 'Point an alias at a version (promote, demote, roll back)',
      description:
        'Appends an audited move (`x-user` header, time, reason, previous version) and publishes `model.promoted`. ' +
        `Pointing an alias at the version it already has changes nothing and publishes nothing. ${STAGES_NOTE}`,
      params: modelAliasParamsSchema,
      body: moveAliasBodySchema,
      responses: { 200: aliasMoveSchema },
      errors: [400, 404],
    }),
    remove: defineRoute({
      service,
      method: 'DELETE',
      path: '/v1/models/:name/aliases/:alias',
      tags: ['aliases'],
      scope: 'promote',
      summary: 'Remove an alias (stop a canary or a shadow)',
      description:
        'Appends an audited move to no version (`version: null`, `x-user` header, time, `reason`) and publishes ' +
        '`model.promoted` with `version: null`; resolving the alias answers 404 afterwards, and moving it again ' +
        'brings it back. Removing an alias already removed changes nothing and publishes nothing. Inference stops ' +
        'serving a removed `canary` or `shadow`; a removed `production` keeps its last version serving.',
      params: modelAliasParamsSchema,
      query: removeAliasQuerySchema,
      responses: { 200: aliasMoveSchema },
      errors: [400, 404],
    }),
    history: defineRoute({
      service,
      method: 'GET',
      path: '/v1/models/:name/aliases/:alias/history',
      tags: ['aliases'],
      scope: 'read',
      summary: 'The audit trail of an alias, newest move first',
      params: modelAliasParamsSchema,
      query: pageQuerySchema,
      responses: { 200: pageSchema(aliasMoveSchema) },
      errors: [400, 404],
    }),
  },
  runs: {
    list: defineRoute({
      service,
      method: 'GET',
      path: '/v1/runs',
      tags: ['runs'],
      scope: 'read',
      summary: 'List training runs, newest first',
      query: pageQuerySchema.extend(trainingRunListQuerySchema.shape),
      responses: { 200: pageSchema(trainingRunSchema) },
      errors: [400],
    }),
    get: defineRoute({
      service,
      method: 'GET',
      path: '/v1/runs/:id',
      tags: ['runs'],
      scope: 'read',
      summary: 'Get a training run',
      params: trainingRunParamsSchema,
      responses: { 200: trainingRunSchema },
      errors: [400, 404],
    }),
  },
} as const;

/** The training jobs' routes (`/v1/training-jobs/...`), answered by dl-trainer. */
export const trainingJobRoutes = {
  submit: defineRoute({
    service,
    method: 'POST',
    path: '/v1/training-jobs',
    tags: ['training-jobs'],
    scope: 'train',
    summary: 'Queue a training job',
    description:
      'Validates `config` (the TrainingConfig sections, see wiki/Training.md; 400 names the field under `/body/config`), stores the job with its config resolved (defaults applied) and publishes `training.requested` with publisher confirms. Answers 202 with the queued job.',
    body: trainingJobRequestSchema,
    responses: { 202: trainingJobSchema },
    errors: [400, 413, 415],
  }),
  get: defineRoute({
    service,
    method: 'GET',
    path: '/v1/training-jobs/:id',
    tags: ['training-jobs'],
    scope: 'read',
    summary: 'Get a training job',
    params: trainingJobParamsSchema,
    responses: { 200: trainingJobSchema },
    errors: [400, 404],
  }),
  list: defineRoute({
    service,
    method: 'GET',
    path: '/v1/training-jobs',
    tags: ['training-jobs'],
    scope: 'read',
    summary: 'List training jobs, newest first',
    query: pageQuerySchema.extend(trainingJobListQuerySchema.shape),
    responses: { 200: pageSchema(trainingJobSchema) },
    errors: [400],
  }),
  cancel: defineRoute({
    service,
    method: 'POST',
    path: '/v1/training-jobs/:id(^[^:/]+)::cancel',
    tags: ['training-jobs'],
    scope: 'train',
    summary: 'Cancel a training job',
    description:
      'A queued job ends `cancelled` at once; a running one stops after its current epoch (no model is registered). 409 for a finished job.',
    params: trainingJobParamsSchema,
    responses: { 202: trainingJobSchema },
    errors: [400, 404, 409],
    idempotent: true,
  }),
} as const;

import { Readable } from 'node:stream';
import {
  datasetDefinitionSchema,
  datasetParamsSchema,
  datasetSchema,
  datasetVersionParamsSchema,
  datasetVersionSchema,
  problemSchema,
} from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import { z } from 'zod';
import type { DocumentRepository } from '../documents/document.repository.js';
import type { LabelRepository } from '../labels/label.repository.js';
import { featureStoreErrors } from '../errors.js';
import type { DatasetRepository } from './dataset.repository.js';
import { freezeDatasetVersion } from './freeze-version.usecase.js';
import { versionRecords } from './version-records.js';

/** `/v1/datasets`: define datasets, freeze immutable versions, stream their records as JSON Lines. */
export function registerDatasetRoutes(
  app: HttpApp,
  deps: { documents: DocumentRepository; labels: LabelRepository; datasets: DatasetRepository },
): void {
  const view = async (definition: z.infer<typeof datasetDefinitionSchema>, createdAt: Date) => ({
    ...definition,
    createdAt: createdAt.toISOString(),
    latestVersion: await deps.datasets.latestVersion(definition.name),
  });

  const definitionOf = async (name: string) => {
    const dataset = await deps.datasets.find(name);
    if (!dataset) throw featureStoreErrors.datasetNotFound(`no dataset ${name}`);
    return dataset;
  };

  app.post(
    '/v1/datasets',
    {
      schema: {
        tags: ['datasets'],
        summary: 'Define a dataset: a named query over labelled documents, with adapters and filterers',
        body: datasetDefinitionSchema,
        response: { 201: datasetSchema, 400: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const now = new Date();
      if (!(await deps.datasets.create(request.body, now)))
        throw featureStoreErrors.datasetExists(`dataset ${request.body.name} exists`);
      return reply.code(201).send(await view(request.body, now));
    },
  );

  app.get(
    '/v1/datasets',
    {
      schema: {
        tags: ['datasets'],
        summary: 'List datasets',
        response: { 200: z.object({ items: z.array(datasetSchema) }) },
      },
    },
    async () => ({
      items: await Promise.all(
        (await deps.datasets.list()).map((dataset) => view(dataset.definition, dataset.createdAt)),
      ),
    }),
  );

  app.get(
    '/v1/datasets/:name',
    {
      schema: {
        tags: ['datasets'],
        summary: 'Get a dataset',
        params: datasetParamsSchema,
        response: { 200: datasetSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const dataset = await definitionOf(request.params.name);
      return view(dataset.definition, dataset.createdAt);
    },
  );

  app.post(
    '/v1/datasets/:name/versions',
    {
      schema: {
        tags: ['datasets'],
        summary: 'Freeze the next immutable version',
        params: datasetParamsSchema,
        response: { 201: datasetVersionSchema, 400: problemSchema, 404: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const dataset = await definitionOf(request.params.name);
      return reply.code(201).send(await freezeDatasetVersion(deps, dataset.definition));
    },
  );

  app.get(
    '/v1/datasets/:name/versions',
    {
      schema: {
        tags: ['datasets'],
        summary: 'List the versions',
        params: datasetParamsSchema,
        response: { 200: z.object({ items: z.array(datasetVersionSchema) }), 404: problemSchema },
      },
    },
    async (request) => {
      await definitionOf(request.params.name);
      return { items: await deps.datasets.versionsOf(request.params.name) };
    },
  );

  const versionOf = async (name: string, version: number) => {
    const found = await deps.datasets.findVersion(name, version);
    if (!found) throw featureStoreErrors.datasetVersionNotFound(`dataset ${name} has no version ${version}`);
    return found;
  };

  app.get(
    '/v1/datasets/:name/versions/:version',
    {
      schema: {
        tags: ['datasets'],
        summary: 'Get a version',
        params: datasetVersionParamsSchema,
        response: { 200: datasetVersionSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const { versionId: _versionId, ...version } = await versionOf(request.params.name, request.params.version);
      return version;
    },
  );

  app.get(
    '/v1/datasets/:name/versions/:version/records',
    {
      schema: {
        tags: ['datasets'],
        summary: "Stream a version's records as JSON Lines ({documentId, textSha256, label, text, language?} per line)",
        params: datasetVersionParamsSchema,
      },
    },
    async (request, reply) => {
      const version = await versionOf(request.params.name, request.params.version);
      const lines = Readable.from(
        (async function* () {
          for await (const record of versionRecords(deps, version.versionId)) yield `${JSON.stringify(record)}\n`;
        })(),
      );
      return reply
        .type('application/x-ndjson')
        .header('x-dataset-content-hash', version.contentHash)
        .header('x-dataset-record-count', String(version.recordCount))
        .send(lines);
    },
  );
}

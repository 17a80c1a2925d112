import { Readable } from 'node:stream';
import { featureStoreRoutes, type DatasetDefinition } from '@mlops/contracts';
import { registerRoute, type HttpApp } from '@mlops/http';
import type { DocumentRepository } from '../documents/document.repository.js';
import type { LabelRepository } from '../labels/label.repository.js';
import { featureStoreErrors } from '../errors.js';
import type { DatasetRepository } from './dataset.repository.js';
import { freezeDatasetVersion } from './freeze-version.usecase.js';
import { versionRecords } from './version-records.js';

const routes = featureStoreRoutes.datasets;

/** `/v1/datasets`: define datasets, freeze immutable versions, stream their records as JSON Lines. */
export function registerDatasetRoutes(
  app: HttpApp,
  deps: { documents: DocumentRepository; labels: LabelRepository; datasets: DatasetRepository },
): void {
  const view = async (definition: DatasetDefinition, createdAt: Date) => ({
    ...definition,
    createdAt: createdAt.toISOString(),
    latestVersion: await deps.datasets.latestVersion(definition.name),
  });

  const definitionOf = async (name: string) => {
    const dataset = await deps.datasets.find(name);
    if (!dataset) throw featureStoreErrors.datasetNotFound(`no dataset ${name}`);
    return dataset;
  };

  const versionOf = async (name: string, version: number) => {
    const found = await deps.datasets.findVersion(name, version);
    if (!found) throw featureStoreErrors.datasetVersionNotFound(`dataset ${name} has no version ${version}`);
    return found;
  };

  registerRoute(app, routes.create, async (request, reply) => {
    const now = new Date();
    if (!(await deps.datasets.create(request.body, now)))
      throw featureStoreErrors.datasetExists(`dataset ${request.body.name} exists`);
    return reply.code(201).send(await view(request.body, now));
  });

  registerRoute(app, routes.list, async () => ({
    items: await Promise.all(
      (await deps.datasets.list()).map((dataset) => view(dataset.definition, dataset.createdAt)),
    ),
  }));

  registerRoute(app, routes.get, async (request) => {
    const dataset = await definitionOf(request.params.name);
    return view(dataset.definition, dataset.createdAt);
  });

  registerRoute(app, routes.freeze, async (request, reply) => {
    const dataset = await definitionOf(request.params.name);
    return reply.code(201).send(await freezeDatasetVersion(deps, dataset.definition));
  });

  registerRoute(app, routes.versions, async (request) => {
    await definitionOf(request.params.name);
    return { items: await deps.datasets.versionsOf(request.params.name) };
  });

  registerRoute(app, routes.version, async (request) => {
    const { versionId: _versionId, ...version } = await versionOf(request.params.name, request.params.version);
    return version;
  });

  registerRoute(app, routes.records, async (request, reply) => {
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
  });
}

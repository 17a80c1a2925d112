import { loadedModelsSchema } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import type { ModelServer } from '../serving/model-server.js';

/** `GET /v1/models`: the versions this process has loaded, and the served models still missing. */
export function registerModelRoutes(app: HttpApp, server: ModelServer): void {
  app.get(
    '/v1/models',
    {
      schema: {
        tags: ['models'],
        summary: 'Model versions loaded in this process',
        response: { 200: loadedModelsSchema },
      },
    },
    () => ({
      items: server.list().map(({ model, aliases, inFlight }) => ({
        name: model.name,
        version: model.version,
        aliases: [...aliases],
        labels: [...model.labels],
        architecture: model.manifest.model.architecture,
        loadedAt: model.loadedAt.toISOString(),
        inFlight,
      })),
      missing: server.missing(),
    }),
  );
}

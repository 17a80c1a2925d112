import { inferenceRoutes } from '@mlops/contracts';
import { registerRoute, type HttpApp } from '@mlops/http';
import { inferenceErrors } from '../errors.js';
import type { ModelServer } from '../serving/model-server.js';
import type { VersionComparisonTracker } from '../serving/version-comparison.js';

const routes = inferenceRoutes.models;

/**
 * `GET /v1/models`: the versions this process has loaded, and the served models still missing;
 * `GET /v1/models/{name}/comparison`: production, canary, shadow and pinned versions side by side.
 */
export function registerModelRoutes(
  app: HttpApp,
  server: ModelServer,
  comparison: VersionComparisonTracker,
  canaryShare: number,
): void {
  registerRoute(app, routes.list, () => ({
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
  }));

  registerRoute(app, routes.comparison, (request) => {
    const { name } = request.params;
    if (!server.served.includes(name)) {
      throw inferenceErrors.modelNotServed(`model ${name} is not served by this instance`);
    }
    return comparison.compare(name, canaryShare);
  });
}

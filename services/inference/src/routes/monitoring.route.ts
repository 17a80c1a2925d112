import { inferenceRoutes } from '@mlops/contracts';
import { registerRoute, type HttpApp } from '@mlops/http';
import { inferenceErrors } from '../errors.js';
import type { PredictionMonitor } from '../monitoring/prediction-monitor.js';
import type { ModelServer } from '../serving/model-server.js';

const routes = inferenceRoutes.monitoring;

/**
 * `GET /v1/models/{name}/accuracy` (from the prediction log), `GET /v1/models/{name}/drift` (live
 * windows) and `POST /v1/predictions/{id}/feedback` (the true label of a logged prediction).
 */
export function registerMonitoringRoutes(app: HttpApp, server: ModelServer, monitor: PredictionMonitor): void {
  registerRoute(app, routes.accuracy, (request) =>
    monitor.accuracy(request.params.name, request.query.since ? new Date(request.query.since) : undefined),
  );

  registerRoute(app, routes.drift, (request) => {
    const { name } = request.params;
    if (!server.served.includes(name)) {
      throw inferenceErrors.modelNotServed(`model ${name} is not served by this instance`);
    }
    return monitor.drift(name);
  });

  registerRoute(app, routes.feedback, (request) => monitor.recordFeedback(request.params.id, request.body));
}

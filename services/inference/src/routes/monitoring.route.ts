import {
  accuracyQuerySchema,
  accuracyResponseSchema,
  driftResponseSchema,
  modelParamsSchema,
  problemSchema,
} from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import { inferenceErrors } from '../inference-errors.js';
import type { PredictionMonitor } from '../monitoring/prediction-monitor.js';
import type { ModelServer } from '../serving/model-server.js';

/** `GET /v1/models/{name}/accuracy` (from the prediction log) and `GET /v1/models/{name}/drift` (live windows). */
export function registerMonitoringRoutes(app: HttpApp, server: ModelServer, monitor: PredictionMonitor): void {
  app.get(
    '/v1/models/:name/accuracy',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Live accuracy per version and role, over the logged predictions that have feedback',
        description:
          'Computed from the prediction log (sampled): counts of logged predictions, of those with feedback and of ' +
          'the correct ones, with per-label recall and precision. `since` keeps predictions made at or after it.',
        params: modelParamsSchema,
        querystring: accuracyQuerySchema,
        response: { 200: accuracyResponseSchema, 400: problemSchema },
      },
    },
    (request) => monitor.accuracy(request.params.name, request.query.since ? new Date(request.query.since) : undefined),
  );
  app.get(
    '/v1/models/:name/drift',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Drift of each loaded version: PSI of predicted labels, text length and OOV rate against training',
        description:
          'Over the last DRIFT_WINDOW texts this process answered per version (shadow copies apart), against the ' +
          "training statistics of the version's manifest. Below DRIFT_MIN_SAMPLES texts the status is insufficient-data.",
        params: modelParamsSchema,
        response: { 200: driftResponseSchema, 404: problemSchema },
      },
    },
    (request) => {
      const { name } = request.params;
      if (!server.served.includes(name)) {
        throw inferenceErrors.modelNotServed(`model ${name} is not served by this instance`);
      }
      return monitor.drift(name);
    },
  );
}

import { inferenceRoutes, predictBodySchema } from '@mlops/contracts';
import { registerRoute, type HttpApp } from '@mlops/http';
import type { ModelServer } from '../serving/model-server.js';
import { predictServed, predictVersion, type RoutedPredictContext } from '../serving/predict.usecase.js';
import { requestKeyOf, routingKeyHeadersSchema } from '../serving/traffic-routing.js';

/** What the predict routes read from the server's config besides the predict context. */
export interface PredictRouteSettings {
  /** Texts per request at most (MAX_TEXTS_PER_REQUEST). */
  readonly maxTexts: number;
  /** Header whose value keeps a caller on one side of the canary split (lower case). */
  readonly routingKeyHeader: string;
}

/** `POST /v1/models/{name}/predict` (the production version) and `.../versions/{v}/predict` (one version). */
export function registerPredictRoutes(
  app: HttpApp,
  server: ModelServer,
  context: RoutedPredictContext,
  settings: PredictRouteSettings,
): void {
  const body = predictBodySchema({ maxTexts: settings.maxTexts });
  const headers = routingKeyHeadersSchema(settings.routingKeyHeader);
  registerRoute(
    app,
    inferenceRoutes.predict,
    (request) =>
      predictServed(
        server,
        {
          ...request.body,
          name: request.params.name,
          requestKey: requestKeyOf(request.headers, settings.routingKeyHeader),
          requestId: request.id,
        },
        context,
      ),
    { body, headers },
  );
  registerRoute(
    app,
    inferenceRoutes.predictVersion,
    (request) => predictVersion(server, { ...request.body, ...request.params, requestId: request.id }, context),
    { body },
  );
}

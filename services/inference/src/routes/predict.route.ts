import {
  modelParamsSchema,
  modelVersionParamsSchema,
  predictBodySchema,
  predictResponseSchema,
  problemSchema,
} from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import type { ModelServer } from '../serving/model-server.js';
import { leaseForRequest, requestKeyOf, routingKeyHeadersSchema } from '../serving/traffic-routing.js';
import { answerPredict, type RoutedPredictContext } from './predict-answer.js';

const problems = { 400: problemSchema, 404: problemSchema, 413: problemSchema, 502: problemSchema, 503: problemSchema };

/** `POST /v1/models/{name}/predict` (the production version) and `.../versions/{v}/predict` (one version). */
export function registerPredictRoutes(
  app: HttpApp,
  server: ModelServer,
  context: RoutedPredictContext & { readonly maxTexts: number },
): void {
  const body = predictBodySchema({ maxTexts: context.maxTexts });
  const headers = routingKeyHeadersSchema(context.routingKeyHeader);
  app.post(
    '/v1/models/:name/predict',
    {
      schema: {
        tags: ['predict'],
        summary: "Classify texts with the model's production version",
        description:
          `1 to ${context.maxTexts} texts of at most ${context.maxTextChars} characters each (413 above). ` +
          'Concurrent requests are micro-batched. When the model has a canary, a share of the request keys ' +
          `(header ${context.routingKeyHeader}; random without one) is answered by it; when it has a shadow, ` +
          'the shadow scores a copy off the request path.',
        params: modelParamsSchema,
        headers,
        body,
        response: { 200: predictResponseSchema, ...problems },
      },
    },
    async (request) => {
      const key = requestKeyOf(request.headers, context.routingKeyHeader);
      const { result, route } = leaseForRequest(server, request.params.name, key, context.split);
      return answerPredict(result, { ...request.body, requestId: request.id, route }, context);
    },
  );
  app.post(
    '/v1/models/:name/versions/:version/predict',
    {
      schema: {
        tags: ['predict'],
        summary: 'Classify texts with one version of a model (loaded on demand, then cached)',
        params: modelVersionParamsSchema,
        body,
        response: { 200: predictResponseSchema, ...problems },
      },
    },
    async (request) =>
      answerPredict(
        await server.leaseVersion(request.params.name, request.params.version),
        { ...request.body, requestId: request.id, route: 'version' },
        context,
      ),
  );
}

import {
  modelParamsSchema,
  modelVersionParamsSchema,
  predictBodySchema,
  predictResponseSchema,
  problemSchema,
} from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import type { ModelServer } from '../serving/model-server.js';
import { answerPredict, type PredictContext } from './predict-answer.js';

const problems = { 400: problemSchema, 404: problemSchema, 413: problemSchema, 502: problemSchema, 503: problemSchema };

/** `POST /v1/models/{name}/predict` (the production version) and `.../versions/{v}/predict` (one version). */
export function registerPredictRoutes(
  app: HttpApp,
  server: ModelServer,
  context: PredictContext & { readonly maxTexts: number },
): void {
  const body = predictBodySchema({ maxTexts: context.maxTexts });
  app.post(
    '/v1/models/:name/predict',
    {
      schema: {
        tags: ['predict'],
        summary: "Classify texts with the model's production version",
        description: `1 to ${context.maxTexts} texts of at most ${context.maxTextChars} characters each (413 above). Concurrent requests are micro-batched.`,
        params: modelParamsSchema,
        body,
        response: { 200: predictResponseSchema, ...problems },
      },
    },
    async (request) =>
      answerPredict(server.leaseProduction(request.params.name), { ...request.body, requestId: request.id }, context),
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
        { ...request.body, requestId: request.id },
        context,
      ),
  );
}

import multipart from '@fastify/multipart';
import { inferenceRoutes } from '@mlops/contracts';
import { registerRoute, type HttpApp } from '@mlops/http';
import { documentUpload } from '../documents/document-upload.js';
import { predictDocument, type PredictDocumentContext } from '../documents/predict-document.usecase.js';
import type { ModelServer } from '../serving/model-server.js';
import { requestKeyOf, routingKeyHeadersSchema } from '../serving/traffic-routing.js';

const route = inferenceRoutes.predictDocument;

/**
 * `POST /v1/models/{name}/predict-document`: one file, as the part `file` of a multipart body or a
 * raw application/octet-stream body, classified by its text. The upload parsers (multipart, raw
 * octet-stream) exist only in this scope.
 */
export async function registerPredictDocumentRoute(
  app: HttpApp,
  server: ModelServer,
  context: PredictDocumentContext,
  routingKeyHeader: string,
): Promise<void> {
  const { maxDocumentBytes } = context;
  const headers = routingKeyHeadersSchema(routingKeyHeader);
  await app.register(async (scope: HttpApp) => {
    await scope.register(multipart, {
      limits: { fileSize: maxDocumentBytes + 1, files: 1, fields: 10, parts: 11, fieldSize: 1024 },
    });
    scope.addContentTypeParser([...route.upload.rawMediaTypes], (_request, payload, done) => {
      done(null, payload);
    });
    registerRoute(
      scope,
      route,
      async (request, reply) => {
        const { topK, filename } = request.query;
        try {
          return await predictDocument(
            server,
            {
              name: request.params.name,
              topK,
              requestKey: requestKeyOf(request.headers, routingKeyHeader),
              requestId: request.id,
              upload: () => documentUpload(request, filename, maxDocumentBytes),
            },
            context,
          );
        } catch (error) {
          // An upload refused before its end is never read on: close the connection after the answer.
          if (!request.raw.complete) void reply.header('connection', 'close');
          throw error;
        }
      },
      { headers },
    );
  });
}

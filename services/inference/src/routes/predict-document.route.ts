import multipart from '@fastify/multipart';
import {
  type ServingRoute,
  modelParamsSchema,
  predictDocumentQuerySchema,
  predictDocumentResponseSchema,
  problemSchema,
} from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import { checkExtractedText } from '../documents/document-problems.js';
import { documentUpload } from '../documents/document-upload.js';
import { describeDocument, extractUpload } from '../documents/extract-upload.js';
import { RecognitionClient } from '../documents/recognition.client.js';
import type { InferenceConfig } from '../config.js';
import { inferenceErrors } from '../inference-errors.js';
import type { ModelServer } from '../serving/model-server.js';
import {
  leaseForRequest,
  leaseOnRoute,
  requestKeyOf,
  routingKeyHeadersSchema,
  type TrafficSplit,
} from '../serving/traffic-routing.js';
import { answerPredict, requireLease, type RoutedPredictContext } from './predict-answer.js';

const problems = {
  400: problemSchema,
  404: problemSchema,
  413: problemSchema,
  415: problemSchema,
  422: problemSchema,
  502: problemSchema,
  503: problemSchema,
  504: problemSchema,
};

/** What `predict-document` needs besides what `/predict` does. */
export interface PredictDocumentContext extends RoutedPredictContext {
  readonly recognition: InferenceConfig['recognition'];
}

/**
 * Decides the route of the request and refuses, before the upload is read, a model that would not
 * answer (404, 503) and a `topK` above its number of labels. The lease taken to look is given back
 * at once; the route is kept for the prediction after the extraction.
 */
function routeOfRequest(
  server: ModelServer,
  name: string,
  request: { readonly topK: number | undefined; readonly key: string | undefined; readonly split: TrafficSplit },
): ServingRoute {
  const { result, route } = leaseForRequest(server, name, request.key, request.split);
  const lease = requireLease(result);
  const labels = lease.model.labels.length;
  lease.done();
  if (request.topK !== undefined && request.topK > labels) {
    const message = `at most ${labels}, the number of labels of ${name}`;
    throw inferenceErrors.topKTooLarge(`/querystring/topK: ${message}`, [{ pointer: '/querystring/topK', message }]);
  }
  return route;
}

/**
 * `POST /v1/models/{name}/predict-document`: one file, as the part `file` of a multipart body or a
 * raw application/octet-stream body, streamed to document-recognition; its text is then classified
 * like one text of `/predict` (same version routing, micro-batching, metrics and prediction events).
 */
export async function registerPredictDocumentRoute(
  app: HttpApp,
  server: ModelServer,
  context: PredictDocumentContext,
): Promise<void> {
  const { routingKeyHeader, split } = context;
  const { maxDocumentBytes } = context.recognition;
  const recognition = new RecognitionClient({
    baseUrl: context.recognition.url,
    timeoutMs: context.recognition.timeoutMs,
  });
  const headers = routingKeyHeadersSchema(routingKeyHeader);
  await app.register(async (scope: HttpApp) => {
    await scope.register(multipart, {
      limits: { fileSize: maxDocumentBytes + 1, files: 1, fields: 10, parts: 11, fieldSize: 1024 },
    });
    scope.addContentTypeParser('application/octet-stream', (_request, payload, done) => {
      done(null, payload);
    });
    scope.post(
      '/v1/models/:name/predict-document',
      {
        schema: {
          tags: ['predict'],
          summary: "Classify a file's text with the model's production version",
          description:
            'Send the file as the part `file` of a `multipart/form-data` body, or as a raw `application/octet-stream` ' +
            `body (then \`?filename=\` may carry its name), up to ${maxDocumentBytes} bytes. document-recognition ` +
            'extracts its text (PDF, scans, images, office files, e-mail, plain text), which is classified as one text ' +
            'of `/predict`, routed the same way. The answer adds how the document was read.',
          consumes: ['multipart/form-data', 'application/octet-stream'],
          params: modelParamsSchema,
          querystring: predictDocumentQuerySchema,
          headers,
          response: { 200: predictDocumentResponseSchema, ...problems },
        },
      },
      async (request, reply) => {
        try {
          const { name } = request.params;
          const { topK, filename } = request.query;
          const key = requestKeyOf(request.headers, routingKeyHeader);
          const decided = routeOfRequest(server, name, { topK, key, split });
          const upload = await documentUpload(request, filename, maxDocumentBytes);
          const result = await extractUpload(recognition, upload, maxDocumentBytes);
          checkExtractedText(result, upload.filename, context.maxTextChars);
          const { result: lease, route } = leaseOnRoute(server, name, decided);
          const answer = await answerPredict(
            lease,
            { texts: [result.text], topK, topKPointer: '/querystring/topK', requestId: request.id, route },
            context,
          );
          return { ...answer, document: describeDocument(result) };
        } catch (error) {
          // An upload refused before its end is never read on: close the connection after the answer.
          if (!request.raw.complete) void reply.header('connection', 'close');
          throw error;
        }
      },
    );
  });
}

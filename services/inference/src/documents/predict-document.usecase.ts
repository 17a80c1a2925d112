import type { PredictDocumentResponse, ServingRoute } from '@mlops/contracts';
import { inferenceErrors } from '../errors.js';
import type { ModelServer } from '../serving/model-server.js';
import { answerPredict, requireLease, requireServed, type RoutedPredictContext } from '../serving/predict.usecase.js';
import { leaseForRequest, leaseOnRoute } from '../serving/traffic-routing.js';
import { checkExtractedText } from './document-problems.js';
import type { DocumentUpload } from './document-upload.js';
import { describeDocument, extractUpload } from './extract-upload.js';
import type { RecognitionClient } from './recognition.client.js';

/** What classifying a document needs besides what `/predict` does. */
export interface PredictDocumentContext extends RoutedPredictContext {
  readonly recognition: RecognitionClient;
  /** Largest file accepted (MAX_DOCUMENT_BYTES; 413 above). */
  readonly maxDocumentBytes: number;
}

/** One document to classify with a served model. */
export interface PredictDocumentRequest {
  readonly name: string;
  readonly topK: number | undefined;
  readonly requestKey: string | undefined;
  readonly requestId: string;
  /** Gets the uploaded file, not read yet; called only once the model is known to answer. */
  readonly upload: () => Promise<DocumentUpload>;
}

/**
 * Decides the route of the request and refuses, before the upload is read, a model that would not
 * answer (404, 503) and a `topK` above its number of labels. The lease taken to look is given back
 * at once; the route is kept for the prediction after the extraction.
 */
function routeOfRequest(
  server: ModelServer,
  request: PredictDocumentRequest,
  context: RoutedPredictContext,
): ServingRoute {
  const { result, route } = leaseForRequest(server, request.name, request.requestKey, context.split);
  const lease = requireLease(result);
  const labels = lease.model.labels.length;
  lease.done();
  if (request.topK !== undefined && request.topK > labels) {
    const message = `at most ${labels}, the number of labels of ${request.name}`;
    throw inferenceErrors.topKTooLarge(`/querystring/topK: ${message}`, [{ pointer: '/querystring/topK', message }]);
  }
  return route;
}

/**
 * Classifies one file: its upload is streamed to document-recognition, and the text it extracts
 * is classified like one text of `/predict` (same version routing, micro-batching, metrics and
 * prediction events). The answer adds how the document was read.
 */
export async function predictDocument(
  server: ModelServer,
  request: PredictDocumentRequest,
  context: PredictDocumentContext,
): Promise<PredictDocumentResponse> {
  await requireServed(server, request.name);
  const decided = routeOfRequest(server, request, context);
  const upload = await request.upload();
  const result = await extractUpload(context.recognition, upload, {
    maxBytes: context.maxDocumentBytes,
    requestId: request.requestId,
  });
  checkExtractedText(result, upload.filename, context.maxTextChars);
  const { result: lease, route } = leaseOnRoute(server, request.name, decided);
  const answer = await answerPredict(
    lease,
    {
      texts: [result.text],
      topK: request.topK,
      topKPointer: '/querystring/topK',
      requestId: request.requestId,
      route,
    },
    context,
  );
  return { ...answer, document: describeDocument(result) };
}

import { randomUUID } from 'node:crypto';
import type { PredictResponse, ServingRoute } from '@mlops/contracts';
import { inferenceErrors } from '../errors.js';
import type { LoadedModel, TextOutcome } from './loaded-model.js';
import type { LeaseResult, ModelServer } from './model-server.js';
import type { AnsweredRequest } from './off-path-scorer.js';
import type { PredictionEvents } from './prediction-events.js';
import type { ServingMetrics } from './serving-metrics.js';
import { leaseForRequest, type TrafficSplit } from './traffic-routing.js';

/** What answering a predict request needs besides the request. */
export interface PredictContext {
  readonly metrics: ServingMetrics;
  readonly events: PredictionEvents;
  readonly maxTextChars: number;
  /** Called once the answer is ready, before the response is sent; must not block. */
  readonly afterAnswer?: (answered: AnsweredRequest) => void;
  /** Called when the model itself failed a request (not bad input); must not block. */
  readonly onModelError?: (model: LoadedModel, route: ServingRoute) => void;
}

/** What the predictions that split traffic between production and a canary need besides `PredictContext`. */
export interface RoutedPredictContext extends PredictContext {
  readonly split: TrafficSplit;
}

/** A predict request after schema validation. */
export interface PredictRequest {
  readonly texts: readonly string[];
  readonly topK?: number | undefined;
  /** Where the request carries `topK`, for the problem when it is too large; `/body/topK` unless told. */
  readonly topKPointer?: string;
  readonly requestId: string;
  readonly route: ServingRoute;
}

/** Refuses (413) the first text longer than the limit, naming it and the limit. */
export function checkTextLengths(texts: readonly string[], maxTextChars: number): void {
  const index = texts.findIndex((text) => text.length > maxTextChars);
  if (index < 0) return;
  const message = `at most ${maxTextChars} characters per text (MAX_TEXT_CHARS); this one has ${texts[index]?.length ?? 0}`;
  throw inferenceErrors.textTooLong(`/body/texts/${index}: ${message}`, [{ pointer: `/body/texts/${index}`, message }]);
}

/**
 * Makes sure the model is served, taking it on demand when it is not listed and the instance
 * allows (the first request waits for its load), or throws the problem saying why it is not.
 */
export async function requireServed(
  server: Pick<ModelServer, 'servesNow' | 'serveOnDemand'>,
  name: string,
): Promise<void> {
  if (server.servesNow(name)) return;
  const refusal = await server.serveOnDemand(name);
  if (refusal !== null) requireLease(refusal);
}

/** The lease, or the problem its refusal answers with. */
export function requireLease(result: LeaseResult): NonNullable<Extract<LeaseResult, { lease: unknown }>['lease']> {
  if ('lease' in result) return result.lease;
  switch (result.refusal) {
    case 'not-served':
      throw inferenceErrors.modelNotServed(result.detail);
    case 'not-loaded':
      throw inferenceErrors.modelNotLoaded(result.detail);
    case 'registry-unavailable':
      throw inferenceErrors.registryUnavailable(result.detail);
    case 'version-not-found':
      throw inferenceErrors.versionNotFound(result.detail);
    case 'version-unloadable':
      throw inferenceErrors.versionUnloadable(result.detail);
  }
}

function toPrediction(
  model: LoadedModel,
  id: string,
  outcome: TextOutcome,
  topK: number,
): PredictResponse['predictions'][number] {
  const ranked = model.labels
    .map((label, index) => ({ label, p: outcome.probabilities[index] ?? 0 }))
    .sort((a, b) => b.p - a.p)
    .slice(0, topK);
  return {
    id,
    label: outcome.label,
    probabilities: ranked,
    rule: outcome.rule,
    hits: outcome.hits.map(({ tagger, start, end, text }) => ({ tagger, start, end, text })),
  };
}

/**
 * Runs the texts on the leased model (through its micro-batcher), releases the lease, records the
 * latency, tells the prediction listeners, and shapes the response with the top K labels.
 */
export async function answerPredict(
  result: LeaseResult,
  request: PredictRequest,
  context: PredictContext,
): Promise<PredictResponse> {
  const lease = requireLease(result);
  const { model } = lease;
  let outcomes: TextOutcome[];
  const startedAt = performance.now();
  try {
    checkTextLengths(request.texts, context.maxTextChars);
    const topK = request.topK ?? model.labels.length;
    if (topK > model.labels.length) {
      const message = `at most ${model.labels.length}, the number of labels of ${model.name} v${model.version}`;
      const pointer = request.topKPointer ?? '/body/topK';
      throw inferenceErrors.topKTooLarge(`${pointer}: ${message}`, [{ pointer, message }]);
    }
    try {
      outcomes = await model.predict(request.texts);
    } catch (error) {
      context.onModelError?.(model, request.route);
      throw error;
    }
    const latencyMs = performance.now() - startedAt;
    const ids = request.texts.map(() => randomUUID());
    context.metrics.observeRequest(model.name, model.version, latencyMs / 1000);
    context.events.emit({
      model: model.name,
      version: model.version,
      role: request.route,
      ids,
      labels: model.labels,
      texts: request.texts,
      predictions: outcomes,
      latencyMs,
      requestId: request.requestId,
    });
    context.afterAnswer?.({
      model,
      route: request.route,
      texts: request.texts,
      ids,
      outcomes,
      requestId: request.requestId,
    });
    return {
      model: model.name,
      version: model.version,
      route: request.route,
      predictions: outcomes.map((outcome, index) => toPrediction(model, ids[index] ?? '', outcome, topK)),
    };
  } finally {
    lease.done();
  }
}

/** The texts of a request to a served model, and the key that keeps its caller on one side of the canary split. */
export interface ServedPredictRequest extends Omit<PredictRequest, 'route'> {
  readonly name: string;
  readonly requestKey: string | undefined;
}

/**
 * Classifies texts with the served model's production version, or its canary for the request
 * keys in the canary share; a model not listed is taken on demand (`requireServed`).
 */
export async function predictServed(
  server: ModelServer,
  request: ServedPredictRequest,
  context: RoutedPredictContext,
): Promise<PredictResponse> {
  await requireServed(server, request.name);
  const { result, route } = leaseForRequest(server, request.name, request.requestKey, context.split);
  return answerPredict(result, { ...request, route }, context);
}

/** Classifies texts with one version of a model, loaded on demand when it is not the production one. */
export async function predictVersion(
  server: ModelServer,
  request: Omit<PredictRequest, 'route'> & { readonly name: string; readonly version: number },
  context: PredictContext,
): Promise<PredictResponse> {
  return answerPredict(
    await server.leaseVersion(request.name, request.version),
    { ...request, route: 'version' },
    context,
  );
}

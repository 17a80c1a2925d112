export { EVENTS_EXCHANGE, DEAD_LETTER_EXCHANGE, EVENTS, WORK_QUEUES } from './names.js';
export { fieldErrorsOf, problemSchema, type Problem, type FieldError } from './problem.js';
export { livenessSchema, readinessSchema, type Readiness } from './health.js';
export { datasetRefSchema, type TrainingJobRequest, type TrainingJobStatus, type TrainingJob } from './training-job.js';
export { trainingRequestedMessageSchema, type TrainingRequestedMessage } from './messages.js';
export { trainingFinishedEventSchema, trainingProgressEventSchema } from './events.js';
export * from './nlp.js';
export * from './recognition.js';
export * from './documents.js';
export * from './labelling.js';
export * from './datasets.js';
export { modelRegisteredEventSchema, modelPromotedEventSchema } from './events.js';
export * from './registry.js';
export { predictBodySchema, type PredictResponse, type ServingRoute } from './inference.js';
export type { VersionComparison } from './inference-comparison.js';
export { type PredictedDocument, type PredictDocumentResponse } from './inference-documents.js';
export * from './inference-monitoring.js';
export * from './rollout.js';
export {
  defineRoute,
  isIdempotent,
  isRouteDescriptor,
  routesOf,
  type RouteAnswer,
  type RouteAnswerInput,
  type RouteBody,
  type RouteBodyInput,
  type RouteDescriptor,
  type RouteParams,
  type RouteParamsInput,
  type RouteQuery,
  type RouteQueryInput,
  type RouteRecord,
  type RouteTree,
  type UploadSpec,
} from './route.js';
/**
 * @public The types of a route descriptor's method, scope and streamed answer, for code that
 * builds or reads descriptors.
 */
export type { HttpMethod, RouteScope, StreamedResponse } from './route.js';
export { registryRoutes, retrainingRoutes, studyRoutes, trainingJobRoutes } from './routes/dl-trainer.routes.js';
export * from './retraining.js';
export * from './study.js';
export * from './study-space.js';
export { featureStoreRoutes } from './routes/feature-store.routes.js';
export { nlpRoutes } from './routes/nlp.routes.js';
export { recognitionRoutes } from './routes/document-recognition.routes.js';
export { inferenceRoutes } from './routes/inference.routes.js';
/** @public The answers' schemas applications validate with; re-exported by @mlops/sdk. */
export { trainingJobRequestSchema, trainingJobSchema } from './training-job.js';
/** @public See above. */
export { predictResponseSchema } from './inference.js';
/** @public See above. */
export { predictDocumentResponseSchema } from './inference-documents.js';
export * from './reports.js';
export { reporterRoutes } from './routes/reporter.routes.js';
export * from './training-live.js';
export * from './test-predictions.js';
export * from './keys.js';
export { keyRoutes } from './routes/keys.routes.js';
export * from './ui-session.js';
export { uiRoutes } from './routes/ui.routes.js';

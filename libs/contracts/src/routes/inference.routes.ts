import { predictBodySchema, predictResponseSchema, loadedModelsSchema } from '../inference.js';
import { versionComparisonSchema } from '../inference-comparison.js';
import { predictDocumentQuerySchema, predictDocumentResponseSchema } from '../inference-documents.js';
import {
  accuracyQuerySchema,
  accuracyResponseSchema,
  driftResponseSchema,
  feedbackBodySchema,
  feedbackResponseSchema,
  predictionParamsSchema,
} from '../inference-monitoring.js';
import { modelParamsSchema, modelVersionParamsSchema } from '../registry.js';
import { rolloutAbortBodySchema, rolloutStartBodySchema, rolloutStateSchema } from '../rollout.js';
import { defineRoute } from '../route.js';

const service = 'inference';

/**
 * The predict body at MAX_TEXTS_PER_REQUEST's default; each inference checks the texts against
 * its own configured limit.
 */
const predictBody = predictBodySchema({ maxTexts: 256 });

const ROUTING =
  'When the model has a canary, a share of the request keys (CANARY_SHARE; the key is the header named by ' +
  'ROUTING_KEY_HEADER, `x-routing-key` by default, random without one) is answered by it; when it has a shadow, ' +
  'the shadow scores a copy off the request path.';

/** The routes of inference. */
export const inferenceRoutes = {
  predict: defineRoute({
    service,
    method: 'POST',
    path: '/v1/models/:name/predict',
    tags: ['predict'],
    scope: 'predict',
    summary: "Classify texts with the model's production version",
    description:
      '1 to MAX_TEXTS_PER_REQUEST texts (256 by default) of at most MAX_TEXT_CHARS characters each (413 above). ' +
      `Concurrent requests are micro-batched. ${ROUTING}`,
    params: modelParamsSchema,
    body: predictBody,
    responses: { 200: predictResponseSchema },
    errors: [400, 404, 413, 502, 503],
  }),
  predictVersion: defineRoute({
    service,
    method: 'POST',
    path: '/v1/models/:name/versions/:version/predict',
    tags: ['predict'],
    scope: 'predict',
    summary: 'Classify texts with one version of a model (loaded on demand, then cached)',
    params: modelVersionParamsSchema,
    body: predictBody,
    responses: { 200: predictResponseSchema },
    errors: [400, 404, 413, 502, 503],
  }),
  predictDocument: defineRoute({
    service,
    method: 'POST',
    path: '/v1/models/:name/predict-document',
    tags: ['predict'],
    scope: 'predict',
    summary: "Classify a file's text with the model's production version",
    description:
      'Send the file as the part `file` of a `multipart/form-data` body, or as a raw `application/octet-stream` ' +
      'body (then `?filename=` may carry its name), up to MAX_DOCUMENT_BYTES bytes (413 above). document-recognition ' +
      'extracts its text (PDF, scans, images, office files, e-mail, plain text), which is classified as one text ' +
      'of `/predict`, routed the same way. The answer adds how the document was read.',
    params: modelParamsSchema,
    query: predictDocumentQuerySchema,
    upload: {
      field: 'file',
      rawMediaTypes: ['application/octet-stream'],
      description: 'the document (PDF, image, office file, e-mail, plain text)',
    },
    responses: { 200: predictDocumentResponseSchema },
    errors: [400, 404, 413, 415, 422, 502, 503, 504],
  }),
  models: {
    list: defineRoute({
      service,
      method: 'GET',
      path: '/v1/models',
      tags: ['models'],
      scope: 'read',
      summary: 'Model versions loaded in this process',
      responses: { 200: loadedModelsSchema },
      errors: [],
    }),
    comparison: defineRoute({
      service,
      method: 'GET',
      path: '/v1/models/:name/comparison',
      tags: ['models'],
      scope: 'read',
      summary: 'Compare the versions serving a model: traffic, latency, confidence, agreement with production',
      description:
        'Figures of this process since it started serving each version. A shadow is compared with production on the ' +
        'same copied texts; a canary on copies of its texts scored by production off the request path.',
      params: modelParamsSchema,
      responses: { 200: versionComparisonSchema },
      errors: [400, 404],
    }),
  },
  monitoring: {
    accuracy: defineRoute({
      service,
      method: 'GET',
      path: '/v1/models/:name/accuracy',
      tags: ['monitoring'],
      scope: 'read',
      summary: 'Live accuracy per version and role, over the logged predictions that have feedback',
      description:
        'Computed from the prediction log (sampled): counts of logged predictions, of those with feedback and of ' +
        'the correct ones, with per-label recall and precision. `since` keeps predictions made at or after it.',
      params: modelParamsSchema,
      query: accuracyQuerySchema,
      responses: { 200: accuracyResponseSchema },
      errors: [400],
    }),
    drift: defineRoute({
      service,
      method: 'GET',
      path: '/v1/models/:name/drift',
      tags: ['monitoring'],
      scope: 'read',
      summary: 'Drift of each loaded version: PSI of predicted labels, text length and OOV rate against training',
      description:
        'Over the last DRIFT_WINDOW texts this process answered per version (shadow copies apart), against the ' +
        "training statistics of the version's manifest. Below DRIFT_MIN_SAMPLES texts the status is insufficient-data.",
      params: modelParamsSchema,
      responses: { 200: driftResponseSchema },
      errors: [400, 404],
    }),
    /**
     * Scope `label`, not `predict`: the true label it attaches is ground truth that live accuracy
     * is computed from, the same kind of write as labelling a document; a key that may only ask
     * for predictions must not be able to move the accuracy figures.
     */
    feedback: defineRoute({
      service,
      method: 'POST',
      path: '/v1/predictions/:id/feedback',
      tags: ['monitoring'],
      scope: 'label',
      summary: 'Attach the true label to a logged prediction (and its shadow copies)',
      description:
        'Only logged predictions take feedback: PREDICTION_LOG_SAMPLE_RATE of the requests are logged (0.1 by ' +
        'default), up to PREDICTION_LOG_MAX_PER_SECOND texts per second and model (100 by default), so 404 can mean ' +
        'the request was sampled out. The same label again changes nothing; a different ' +
        'label replaces the previous one, which is kept in the audit history.',
      params: predictionParamsSchema,
      body: feedbackBodySchema,
      responses: { 200: feedbackResponseSchema },
      errors: [400, 404],
    }),
  },
  rollout: {
    start: defineRoute({
      service,
      method: 'POST',
      path: '/v1/models/:name/rollout',
      tags: ['rollout'],
      scope: 'promote',
      summary: 'Start a progressive rollout of a version: shadow, canary at a share, then production',
      description:
        'The candidate moves through the stages (`shadow`, then `canary` at its share) by alias moves in the registry; ' +
        'after `minRequests` candidate requests of a stage, counted over every replica, the guardrails (error rate, p99 ' +
        'latency, drift, live accuracy from feedback, agreement with production) decide: all pass, the next stage (the ' +
        'last one promotes to production); one fails, the candidate leaves its alias, production is unchanged and ' +
        '`model.rolled-back` is published. One rollout per model at a time (409).',
      params: modelParamsSchema,
      body: rolloutStartBodySchema,
      responses: { 201: rolloutStateSchema },
      errors: [400, 404, 409, 502],
    }),
    show: defineRoute({
      service,
      method: 'GET',
      path: '/v1/models/:name/rollout',
      tags: ['rollout'],
      scope: 'read',
      summary: "The model's latest rollout: stage, requests so far, each guardrail's value and threshold, history",
      params: modelParamsSchema,
      responses: { 200: rolloutStateSchema },
      errors: [400, 404],
    }),
    abort: defineRoute({
      service,
      method: 'POST',
      path: '/v1/models/:name/rollout/abort',
      tags: ['rollout'],
      scope: 'promote',
      summary: 'Abort the running rollout: the candidate leaves shadow or canary, production is unchanged',
      params: modelParamsSchema,
      body: rolloutAbortBodySchema,
      responses: { 200: rolloutStateSchema },
      errors: [400, 404, 409, 502],
    }),
  },
} as const;

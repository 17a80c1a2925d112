import { z } from 'zod';
import { modelNameSchema } from './registry.js';

/** Limits a predict request is checked against; the inference service reads them from its config. */
export interface PredictLimits {
  readonly maxTexts: number;
}

/**
 * Body of `POST /v1/models/{name}/predict` (and `.../versions/{v}/predict`): the texts to classify
 * and how many of the most probable labels to return for each (all by default). An empty text is
 * refused, as an empty record of an upload is (it has nothing to classify: the model would answer
 * its prior as if it were a prediction). The length of each text is checked by the service (413
 * over its limit), not here.
 */
export function predictBodySchema(limits: PredictLimits) {
  return z.strictObject({
    texts: z.array(z.string().min(1, 'an empty text has nothing to classify')).min(1).max(limits.maxTexts),
    topK: z.number().int().min(1).optional(),
  });
}

/** A tagger hit that a decision rule looked at: where in the text, what it found. */
const taggerHitSchema = z.object({
  tagger: z.string(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  text: z.string(),
});

/** The prediction for one text. */
const textPredictionSchema = z.object({
  /** Id of this prediction: `POST /v1/predictions/{id}/feedback` attaches the true label to it when it was logged. */
  id: z.string(),
  /** The decided label: a rule's when one fired, else the most probable one. */
  label: z.string(),
  /** The top K labels by probability, most probable first. */
  probabilities: z.array(z.object({ label: z.string(), p: z.number() })),
  /** Id of the decision rule that chose the label; null when it is the model's own. */
  rule: z.string().nullable(),
  /** Hits of the taggers the model's rules use; empty when it has no tagger rules. */
  hits: z.array(taggerHitSchema),
});

/**
 * How a request was routed: to the production version, to the canary (a share of the traffic,
 * sticky by the request key), or to a version asked for by number.
 */
export const servingRouteSchema = z.enum(['production', 'canary', 'version']);
export type ServingRoute = z.infer<typeof servingRouteSchema>;

/** Response of the predict routes: which version answered, and one prediction per text, in order. */
export const predictResponseSchema = z.object({
  model: modelNameSchema,
  version: z.number().int().min(1),
  route: servingRouteSchema,
  predictions: z.array(textPredictionSchema),
});
export type PredictResponse = z.infer<typeof predictResponseSchema>;

/** A model version loaded in an inference process. */
const loadedModelSchema = z.object({
  name: modelNameSchema,
  version: z.number().int().min(1),
  /** The aliases this process serves it under (`production`), empty when loaded by number only. */
  aliases: z.array(z.string()),
  labels: z.array(z.string()),
  architecture: z.string(),
  loadedAt: z.iso.datetime(),
  /** Requests running on it right now. */
  inFlight: z.number().int().min(0),
});

/** `GET /v1/models` of inference: the versions loaded, and the served models not loaded (yet). */
export const loadedModelsSchema = z.object({
  items: z.array(loadedModelSchema),
  missing: z.array(z.object({ name: modelNameSchema, alias: z.string(), error: z.string().nullable() })),
});

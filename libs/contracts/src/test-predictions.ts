import { z } from 'zod';
import { pageQuerySchema } from './pagination.js';

/** How many characters of an example's text a test prediction keeps. */
export const TEST_EXCERPT_CHARS = 400;

/**
 * One held-out test example as the run's evaluated model predicted it: the document, its true
 * and predicted label, the model's confidence in the prediction, and the start of its text (as
 * the model saw it, after the adapters). The cells of `metrics.test.confusionMatrix` count these.
 */
export const testPredictionSchema = z.object({
  documentId: z.string(),
  truth: z.string(),
  predicted: z.string(),
  /** Probability of the predicted label. */
  confidence: z.number().min(0).max(1),
  excerpt: z.string().max(TEST_EXCERPT_CHARS),
  /** Characters of the whole text (the excerpt is cut when longer). */
  textLength: z.number().int().min(0),
});
export type TestPrediction = z.infer<typeof testPredictionSchema>;

/**
 * Query of `GET /v1/runs/{id}/test-predictions`: a cell of the confusion matrix (`truth` and
 * `predicted`), a row or a column (one of them), or every example; most confident first.
 */
export const testPredictionQuerySchema = pageQuerySchema.extend({
  truth: z.string().min(1).max(256).optional(),
  predicted: z.string().min(1).max(256).optional(),
});

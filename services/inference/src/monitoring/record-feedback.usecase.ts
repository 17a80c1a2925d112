import type { z } from 'zod';
import type { feedbackBodySchema, feedbackResponseSchema } from '@mlops/contracts';
import { inferenceErrors } from '../errors.js';
import type { PredictionLogRepository } from './prediction-log.repository.js';

type FeedbackBody = z.infer<typeof feedbackBodySchema>;
type FeedbackResponse = z.infer<typeof feedbackResponseSchema>;

/** What recording feedback works with. */
export interface FeedbackDeps {
  readonly repository: PredictionLogRepository;
  /** Writes the log's buffer: a prediction answered a moment ago may still be waiting there. */
  readonly flushLog: () => Promise<void>;
  readonly sampleRate: number;
  readonly maxTextsPerSecond: number;
}

/**
 * Attaches the true label to a logged prediction and to its shadow copies. The same label again
 * changes nothing (idempotent); a different label replaces the previous one, which is kept in
 * `feedbackHistory` with when it was replaced. 404 when the prediction is not in the log, 400
 * (`/body/label`) when the label is not one of its version's labels.
 */
export async function recordFeedback(
  deps: FeedbackDeps,
  predictionId: string,
  body: FeedbackBody,
  now = new Date(),
): Promise<FeedbackResponse> {
  const { repository } = deps;
  let answered = await repository.findAnswered(predictionId);
  if (answered === null) {
    await deps.flushLog();
    answered = await repository.findAnswered(predictionId);
  }
  if (answered === null) {
    throw inferenceErrors.predictionNotLogged(
      `prediction ${predictionId} is not in the prediction log: the id is unknown, its request was sampled out ` +
        `(PREDICTION_LOG_SAMPLE_RATE is ${deps.sampleRate}) or over the cap (PREDICTION_LOG_MAX_PER_SECOND is ` +
        `${deps.maxTextsPerSecond === 0 ? '0, no cap' : deps.maxTextsPerSecond}), or it is older than the retention`,
    );
  }
  const labels = (await repository.labelsOf(answered.model, answered.version)) ?? [];
  if (!labels.includes(body.label)) {
    throw inferenceErrors.feedbackLabelUnknown(
      `${body.label} is not a label of ${answered.model} v${answered.version} (${labels.join(', ')})`,
      [{ pointer: '/body/label', message: `not one of: ${labels.join(', ')}` }],
    );
  }
  const previous = answered.feedback;
  const outcome = previous === undefined ? 'recorded' : previous.label === body.label ? 'unchanged' : 'replaced';
  const feedback =
    outcome === 'unchanged' && previous ? previous : { label: body.label, source: body.source ?? null, at: now };
  const marked = await repository.setFeedback(
    predictionId,
    feedback,
    outcome === 'replaced' && previous ? { ...previous, replacedAt: now } : undefined,
  );
  return {
    id: predictionId,
    model: answered.model,
    version: answered.version,
    predicted: answered.label,
    label: body.label,
    correct: answered.label === body.label,
    outcome,
    previousLabel: outcome === 'replaced' && previous ? previous.label : null,
    marked,
  };
}

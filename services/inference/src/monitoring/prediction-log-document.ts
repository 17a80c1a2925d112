import { createHash } from 'node:crypto';
import type { PredictionEvent } from '../serving/prediction-events.js';
import type { PredictionLogDocument } from './prediction-log.repository.js';

/** What the log keeps of each text besides the prediction. */
export interface LogContent {
  /** Store the raw text (off by default: the hash is enough to join with a labelled set). */
  readonly rawText: boolean;
  /** Most probable labels kept per prediction. */
  readonly topK: number;
}

/** A text's measurements, taken off the request path. */
export interface TextMeasurement {
  readonly textLength: number;
  readonly outOfVocabularyRate: number | null;
}

function topLabels(labels: readonly string[], probabilities: Float32Array, topK: number): PredictionLogDocument['top'] {
  return labels
    .map((label, index) => ({ label, p: probabilities[index] ?? 0 }))
    .sort((a, b) => b.p - a.p)
    .slice(0, topK);
}

/** The log document of the text at `index` of an answered (or shadow) request. */
export function predictionLogDocument(
  event: PredictionEvent,
  index: number,
  at: Date,
  measurement: TextMeasurement,
  content: LogContent,
): PredictionLogDocument {
  const predictionId = event.ids[index] ?? `${event.requestId}:${index}`;
  const text = event.texts[index] ?? '';
  const outcome = event.predictions[index];
  return {
    _id: event.role === 'shadow' ? `${predictionId}:shadow:${event.version}` : predictionId,
    predictionId,
    model: event.model,
    version: event.version,
    role: event.role,
    requestId: event.requestId,
    at,
    latencyMs: event.latencyMs,
    textSha256: createHash('sha256').update(text).digest('hex'),
    ...(content.rawText ? { text } : {}),
    textLength: measurement.textLength,
    outOfVocabularyRate: measurement.outOfVocabularyRate,
    label: outcome?.label ?? '',
    rule: outcome?.rule ?? null,
    top: outcome ? topLabels(event.labels, outcome.probabilities, content.topK) : [],
  };
}

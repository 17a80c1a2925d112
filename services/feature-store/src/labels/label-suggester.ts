import { UpstreamError, type ServiceClient } from '@mlops/clients';
import type { inferenceRoutes } from '@mlops/contracts';

/** The production model's prediction for one text. */
export interface Suggestion {
  readonly label: string;
  readonly confidence: number;
  readonly probabilities: readonly { label: string; p: number }[];
}

/** Suggestions for texts in order, with the version that made them; or why there are none. */
export type SuggestionOutcome =
  | { readonly model: { name: string; version: number }; readonly suggestions: readonly Suggestion[] }
  | { readonly unavailable: string };

/** Suggests labels for texts with a served model's production version. */
export interface LabelSuggester {
  /** `authorization` is the caller's own header: inference checks the caller's `predict` scope. */
  suggest(
    model: string,
    texts: readonly string[],
    call: { readonly authorization: string | undefined; readonly requestId: string },
  ): Promise<SuggestionOutcome>;
}

/** Characters of a text scored: enough for any classifier here, far under inference's MAX_TEXT_CHARS. */
const SCORED_CHARS = 20_000;
/**
 * inference's default canary routing header: one key for every queue of a model, so a session's
 * suggestions come from one version (production, or the canary when the key falls in its share).
 */
const ROUTING_KEY_HEADER = 'x-routing-key';
/** Texts per predict request, under inference's MAX_TEXTS_PER_REQUEST default (256). */
const BATCH = 64;

function whyUnavailable(model: string, error: unknown): string {
  if (!(error instanceof UpstreamError)) throw error;
  if (error.status === 404) return `inference serves no production version of model ${model}`;
  if (error.status === 401 || error.status === 403)
    return `inference refused the key for ${model} (${error.code}): suggestions need the predict scope`;
  if (error.status === 503) return `inference has not loaded model ${model} yet (${error.detail})`;
  return `inference could not suggest labels with ${model}: ${error.detail}`;
}

/** The suggester over inference's `POST /v1/models/{name}/predict`, called with the caller's key, in batches. */
export function inferenceSuggester(inference: ServiceClient<typeof inferenceRoutes>): LabelSuggester {
  return {
    async suggest(model, texts, call) {
      const suggestions: Suggestion[] = [];
      let version: { name: string; version: number } | undefined;
      try {
        for (let start = 0; start < texts.length; start += BATCH) {
          const answer = await inference.predict(
            {
              params: { name: model },
              body: { texts: texts.slice(start, start + BATCH).map((text) => text.slice(0, SCORED_CHARS) || ' ') },
            },
            {
              requestId: call.requestId,
              headers: {
                [ROUTING_KEY_HEADER]: `labelling:${model}`,
                ...(call.authorization ? { authorization: call.authorization } : {}),
              },
            },
          );
          version = { name: answer.model, version: answer.version };
          for (const prediction of answer.predictions) {
            const probabilities = prediction.probabilities.slice(0, 3);
            suggestions.push({ label: prediction.label, confidence: probabilities[0]?.p ?? 0, probabilities });
          }
        }
      } catch (error) {
        return { unavailable: whyUnavailable(model, error) };
      }
      return version ? { model: version, suggestions } : { unavailable: 'nothing to score' };
    },
  };
}

import { QUICK_RETRY, UpstreamError, type ServiceClient } from '@mlops/clients';
import type { nlpRoutes } from '@mlops/contracts';

/** A tagger hit in a text (UTF-16 offsets, end exclusive). */
export interface TextHit {
  readonly tagger: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Finds the taggers' hits in texts, in order; undefined when the taggers could not run. */
export interface HitTagger {
  hitsOf(texts: readonly string[], requestId: string): Promise<TextHit[][] | undefined>;
}

/** The tagger over nlp's `POST /v1/entities` (every tagger), with feature-store's own key. */
export function nlpHitTagger(nlp: ServiceClient<typeof nlpRoutes>): HitTagger {
  return {
    async hitsOf(texts, requestId) {
      if (texts.length === 0) return [];
      try {
        const answer = await nlp.entities({ body: { texts: [...texts] } }, { requestId, retry: QUICK_RETRY });
        return answer.items.map((item) =>
          item.hits.map(({ tagger, start, end, text }) => ({ tagger, start, end, text })),
        );
      } catch (error) {
        if (error instanceof UpstreamError) return undefined;
        throw error;
      }
    },
  };
}

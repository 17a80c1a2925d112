import { nlpLanguageResponseSchema } from '@mlops/contracts';
import { backOff } from 'exponential-backoff';
import type { z } from 'zod';
import type { TextAnalysis, TextAnalyzer } from '../processing/text-analyzer.js';
import { unreachable, upstreamError, UpstreamRejectedError } from './upstream-errors.js';

/** Characters of a text sent for language detection: more adds nothing but latency. */
const LANGUAGE_SAMPLE_CHARS = 20_000;

/** Typed client of nlp; JSON calls are idempotent, so transient failures are retried a few times here. */
export class NlpClient implements TextAnalyzer {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  /** Detects the language of a text (empty text: `und`). */
  async analyze(text: string): Promise<TextAnalysis> {
    if (text.trim() === '') return { language: 'und', features: {} };
    const answer = await this.post(
      '/v1/language',
      { texts: [text.slice(0, LANGUAGE_SAMPLE_CHARS)] },
      nlpLanguageResponseSchema,
    );
    const first = answer.items[0];
    return {
      language: first?.language ?? 'und',
      features: first
        ? { language: { code: first.language, confidence: first.confidence, reliable: first.reliable } }
        : {},
    };
  }

  private async post<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>> {
    return backOff(
      async () => {
        let response: Response;
        try {
          response = await fetch(`${this.baseUrl}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(this.timeoutMs),
          });
        } catch (error) {
          throw unreachable('nlp', error);
        }
        if (!response.ok) throw await upstreamError('nlp', response);
        const parsed = schema.safeParse(await response.json());
        if (!parsed.success)
          throw new UpstreamRejectedError(
            'NLP_UNEXPECTED_ANSWER',
            `nlp answered an unexpected body: ${parsed.error.message.slice(0, 300)}`,
          );
        return parsed.data;
      },
      { numOfAttempts: 3, startingDelay: 200, retry: (error: unknown) => !(error instanceof UpstreamRejectedError) },
    );
  }
}

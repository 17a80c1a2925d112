import { QUICK_RETRY, type RetryPolicy, type ServiceClient } from '@mlops/clients';
import { nlpLanguageResponseSchema, type nlpRoutes } from '@mlops/contracts';
import { DocumentRefusedError } from './processing-errors.js';
import type { TextAnalysis, TextAnalyzer } from './text-analyzer.js';

/** Characters of a text sent for language detection: more adds nothing but latency. */
const LANGUAGE_SAMPLE_CHARS = 20_000;

/**
 * The text analyzer over nlp: language detection, retried a few times on transient failures
 * (nlp's routes are pure functions of their body). A body that breaks nlp's contract fails the
 * document (NLP_UNEXPECTED_ANSWER) rather than being retried.
 */
export function nlpTextAnalyzer(nlp: ServiceClient<typeof nlpRoutes>, timeoutMs: number): TextAnalyzer {
  /** Three attempts, each allowed its whole timeout: a slow nlp is retried as often as a failing one. */
  const retry: RetryPolicy = { ...QUICK_RETRY, deadlineMs: QUICK_RETRY.attempts * timeoutMs + QUICK_RETRY.deadlineMs };
  return {
    async analyze(text: string, requestId?: string): Promise<TextAnalysis> {
      if (text.trim() === '') return { language: 'und', features: {} };
      const answer = await nlp.language(
        { body: { texts: [text.slice(0, LANGUAGE_SAMPLE_CHARS)] } },
        { retry, validateResponse: false, ...(requestId ? { requestId } : {}) },
      );
      const parsed = nlpLanguageResponseSchema.safeParse(answer);
      if (!parsed.success)
        throw new DocumentRefusedError(
          'NLP_UNEXPECTED_ANSWER',
          `nlp answered an unexpected body: ${parsed.error.message.slice(0, 300)}`,
        );
      const first = parsed.data.items[0];
      return {
        language: first?.language ?? 'und',
        features: first
          ? { language: { code: first.language, confidence: first.confidence, reliable: first.reliable } }
          : {},
      };
    },
  };
}

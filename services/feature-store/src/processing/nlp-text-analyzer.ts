import { QUICK_RETRY, type RetryPolicy, type ServiceClient } from '@mlops/clients';
import { nlpLanguageResponseSchema, type NlpLanguageResponse, type nlpRoutes } from '@mlops/contracts';
import { DocumentRefusedError } from './processing-errors.js';
import type { BatchTextAnalyzer, TextAnalysis } from './text-analyzer.js';

/** Characters of a text sent for language detection: more adds nothing but latency. */
const LANGUAGE_SAMPLE_CHARS = 20_000;

const UNDETERMINED: TextAnalysis = { language: 'und', features: {} };

function analysisOf(item: NlpLanguageResponse['items'][number] | undefined): TextAnalysis {
  if (!item) return UNDETERMINED;
  return {
    language: item.language,
    features: { language: { code: item.language, confidence: item.confidence, reliable: item.reliable } },
  };
}

/**
 * The text analyzer over nlp: language detection, retried a few times on transient failures
 * (nlp's routes are pure functions of their body). A body that breaks nlp's contract fails the
 * document (NLP_UNEXPECTED_ANSWER) rather than being retried. Blank texts are `und` without a call.
 */
export function nlpTextAnalyzer(nlp: ServiceClient<typeof nlpRoutes>, timeoutMs: number): BatchTextAnalyzer {
  /** Three attempts, each allowed its whole timeout: a slow nlp is retried as often as a failing one. */
  const retry: RetryPolicy = { ...QUICK_RETRY, deadlineMs: QUICK_RETRY.attempts * timeoutMs + QUICK_RETRY.deadlineMs };
  const analyzeMany = async (texts: readonly string[], requestId?: string): Promise<TextAnalysis[]> => {
    const sent = texts.flatMap((text, index) => (text.trim() === '' ? [] : [index]));
    if (sent.length === 0) return texts.map(() => UNDETERMINED);
    const answer = await nlp.language(
      { body: { texts: sent.map((index) => (texts[index] ?? '').slice(0, LANGUAGE_SAMPLE_CHARS)) } },
      { retry, validateResponse: false, ...(requestId ? { requestId } : {}) },
    );
    const parsed = nlpLanguageResponseSchema.safeParse(answer);
    if (!parsed.success || parsed.data.items.length !== sent.length)
      throw new DocumentRefusedError(
        'NLP_UNEXPECTED_ANSWER',
        `nlp answered an unexpected body: ${
          parsed.success
            ? `${parsed.data.items.length} items for ${sent.length} texts`
            : parsed.error.message.slice(0, 300)
        }`,
      );
    const results: TextAnalysis[] = texts.map(() => UNDETERMINED);
    sent.forEach((index, position) => {
      results[index] = analysisOf(parsed.data.items[position]);
    });
    return results;
  };
  return {
    analyzeMany,
    async analyze(text: string, requestId?: string): Promise<TextAnalysis> {
      const [analysis] = await analyzeMany([text], requestId);
      return analysis ?? UNDETERMINED;
    },
  };
}

import { coalesce, type CoalescerOptions } from './coalescer.js';
import { finalFailureOf } from './processing-errors.js';
import type { BatchTextAnalyzer, TextAnalysis, TextAnalyzer } from './text-analyzer.js';

interface Asked {
  readonly text: string;
  readonly requestId: string | undefined;
}

type Answer = { readonly analysis: TextAnalysis } | { readonly error: unknown };

/**
 * A text analyzer whose calls, made one document at a time, go to the upstream in batches (see
 * `coalesce`): one request for the texts of many documents. When the upstream refuses a batch
 * (a final failure: one text it cannot take), each text is sent again alone, so only the
 * document whose text is refused fails; a transient failure fails every call of the batch, and
 * each document's message is retried as before.
 */
export function coalescedAnalyzer(analyzer: BatchTextAnalyzer, options: CoalescerOptions): TextAnalyzer {
  const alone = async ({ text, requestId }: Asked): Promise<Answer> => {
    try {
      return { analysis: await analyzer.analyze(text, requestId) };
    } catch (error) {
      return { error };
    }
  };
  const batched = coalesce<Asked, Answer>(async (asked) => {
    try {
      const analyses = await analyzer.analyzeMany(
        asked.map((entry) => entry.text),
        asked[0]?.requestId,
      );
      return analyses.map((analysis) => ({ analysis }));
    } catch (error) {
      if (asked.length === 1 || !finalFailureOf(error)) throw error;
      const answers: Answer[] = [];
      for (const entry of asked) answers.push(await alone(entry));
      return answers;
    }
  }, options);
  return {
    async analyze(text, requestId) {
      const answer = await batched({ text, requestId });
      if ('error' in answer) throw answer.error;
      return answer.analysis;
    },
  };
}

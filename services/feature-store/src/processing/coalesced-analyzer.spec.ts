import { describe, expect, it } from 'vitest';
import { coalescedAnalyzer } from './coalesced-analyzer.js';
import { DocumentRefusedError } from './processing-errors.js';
import type { BatchTextAnalyzer, TextAnalysis } from './text-analyzer.js';

const analysis = (text: string): TextAnalysis => ({ language: text.slice(0, 2), features: {} });

/** An analyzer that records its calls and refuses any request holding a text starting with "bad". */
function recordingAnalyzer(failure: () => Error = () => new DocumentRefusedError('NLP_REFUSED', 'bad text')) {
  const calls: string[][] = [];
  const analyzer: BatchTextAnalyzer = {
    analyzeMany(texts) {
      calls.push([...texts]);
      if (texts.some((text) => text.startsWith('bad'))) return Promise.reject(failure());
      return Promise.resolve(texts.map(analysis));
    },
    async analyze(text) {
      const [one] = await analyzer.analyzeMany([text]);
      return one ?? analysis(text);
    },
  };
  return { analyzer, calls };
}

describe('coalescedAnalyzer', () => {
  it('sends the texts of concurrent calls in one request and answers each its own analysis', async () => {
    const { analyzer, calls } = recordingAnalyzer();
    const grouped = coalescedAnalyzer(analyzer, { maxBatch: 10, concurrency: 1 });
    const answers = await Promise.all(['en one', 'fr deux', 'de drei'].map((text) => grouped.analyze(text)));
    expect(answers.map((answer) => answer.language)).toEqual(['en', 'fr', 'de']);
    expect(calls).toEqual([['en one', 'fr deux', 'de drei']]);
  });

  it('a refused batch is sent again text by text: only the refused text fails', async () => {
    const { analyzer, calls } = recordingAnalyzer();
    const grouped = coalescedAnalyzer(analyzer, { maxBatch: 10, concurrency: 1 });
    const outcomes = await Promise.allSettled(['en ok', 'bad one', 'fr ok'].map((text) => grouped.analyze(text)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(outcomes[1]).toMatchObject({ reason: { code: 'NLP_REFUSED' } });
    expect(calls).toEqual([['en ok', 'bad one', 'fr ok'], ['en ok'], ['bad one'], ['fr ok']]);
  });

  it('a transient failure fails every call of the batch without sending the texts again', async () => {
    const { analyzer, calls } = recordingAnalyzer(() => new Error('nlp unreachable'));
    const grouped = coalescedAnalyzer(analyzer, { maxBatch: 10, concurrency: 1 });
    const outcomes = await Promise.allSettled(['en ok', 'bad one'].map((text) => grouped.analyze(text)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toHaveLength(1);
  });
});

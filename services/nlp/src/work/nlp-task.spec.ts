import { describe, expect, it } from 'vitest';
import { loadLanguageDetector } from '../language/language-detector.js';
import { runNlpTask } from './nlp-task.js';

describe('runNlpTask', async () => {
  const detector = await loadLanguageDetector({ database: 'extrasmall', minLetters: 3 });

  it('computes each route answer in the worker', () => {
    expect(runNlpTask({ op: 'language', texts: ['The meeting has been moved to Thursday.'] }, detector)).toMatchObject({
      detector: { name: 'eld', database: 'extrasmall' },
      items: [{ language: 'en' }],
    });
    const normalize = {
      texts: [' A\u00a0 b '],
      options: {
        form: 'NFKC' as const,
        whitespace: 'collapse' as const,
        caseFold: true,
        stripAccents: false,
        removeControls: true,
      },
    };
    expect(runNlpTask({ op: 'normalize', body: normalize }, detector)).toMatchObject({ items: [{ text: 'a b' }] });
    const tokenized = runNlpTask({ op: 'tokenize', body: { texts: ['Hi there. Bye.'] } as never }, detector);
    expect(tokenized).toMatchObject({ items: [{ tokens: [{ text: 'hi' }, { text: 'there' }, { text: 'bye' }] }] });
    expect(
      runNlpTask(
        { op: 'entities', taggers: ['email'], texts: ['write a@b.io'], options: { dateOrder: 'dmy' } },
        detector,
      ),
    ).toMatchObject({ taggers: ['email'], items: [{ hits: [{ value: 'a@b.io' }] }] });
    expect(
      runNlpTask({ op: 'keywords', body: { texts: ['cat cat dog'], top: 1, stopwords: 'en' } as never }, detector),
    ).toMatchObject({ terms: [{ term: 'cat', tf: 2 }] });
  });

  it('refuses a tagger name the route did not check', () => {
    expect(() =>
      runNlpTask({ op: 'entities', taggers: ['nope'], texts: ['x'], options: { dateOrder: 'dmy' } }, detector),
    ).toThrow(/unknown tagger nope/);
  });
});

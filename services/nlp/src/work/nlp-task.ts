import type { nlpRoutes, RouteBody } from '@mlops/contracts';
import { createTokenizer, findTagger, normalizeText, runTaggers, splitSentences, tokenizerSpec } from '@mlops/text';
import type { Tagger } from '@mlops/text';
import { keywordStatistics } from '../keywords/keyword-stats.js';
import { ENGLISH_STOPWORDS } from '../keywords/stopwords-en.js';
import type { LanguageDetector } from '../language/language-detector.js';

const STOPWORDS = { en: ENGLISH_STOPWORDS, none: new Set<string>() } as const;

type BodyOf<K extends keyof typeof nlpRoutes> = RouteBody<(typeof nlpRoutes)[K]>;

/** One request's work, as sent to a worker: the validated body (taggers by name, already checked). */
export type NlpTask =
  | { readonly op: 'language'; readonly texts: readonly string[] }
  | { readonly op: 'normalize'; readonly body: BodyOf<'normalize'> }
  | { readonly op: 'tokenize'; readonly body: BodyOf<'tokenize'> }
  | {
      readonly op: 'entities';
      readonly taggers: readonly string[];
      readonly texts: readonly string[];
      readonly options: BodyOf<'entities'>['options'];
    }
  | { readonly op: 'keywords'; readonly body: BodyOf<'keywords'> };

function taggersNamed(names: readonly string[]): Tagger[] {
  return names.map((name) => {
    const tagger = findTagger(name);
    if (!tagger) throw new Error(`unknown tagger ${name}`);
    return tagger;
  });
}

/** Computes the answer of one request: what each route returns, run on a worker thread. */
export function runNlpTask(task: NlpTask, detector: LanguageDetector): unknown {
  switch (task.op) {
    case 'language':
      return {
        detector: { name: detector.name, database: detector.database },
        items: task.texts.map((text) => detector.detect(text)),
      };
    case 'normalize': {
      const { texts, options } = task.body;
      return { options, items: texts.map((text) => ({ text: normalizeText(text, options) })) };
    }
    case 'tokenize': {
      const { texts, options, sentences } = task.body;
      const tokenizer = createTokenizer(options);
      return {
        tokenizer: tokenizerSpec(tokenizer),
        items: texts.map((text) => ({ sentences: splitSentences(text, sentences), tokens: tokenizer.tokenize(text) })),
      };
    }
    case 'entities': {
      const taggers = taggersNamed(task.taggers);
      return {
        taggers: [...task.taggers],
        items: task.texts.map((text) => ({ hits: runTaggers(text, taggers, task.options) })),
      };
    }
    case 'keywords': {
      const { texts, top, stopwords, tokenizer: options } = task.body;
      const tokenizer = createTokenizer(options);
      const tokenised = texts.map((text) => tokenizer.tokenize(text).map((token) => token.text));
      return keywordStatistics(tokenised, { top, stopwords: STOPWORDS[stopwords] });
    }
  }
}

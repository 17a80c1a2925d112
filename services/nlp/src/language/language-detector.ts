import type { NlpLanguageResult } from '@mlops/contracts';
import { ELD_LANGUAGES } from './eld-languages.js';

/** Sizes of eld's n-gram database, smallest first. */
export type LanguageDatabase = 'extrasmall' | 'small' | 'medium' | 'large';

interface EldResult {
  readonly language: string;
  getScores(): Record<string, number>;
  isReliable(): boolean;
}

interface Eld {
  detect(text: string): EldResult;
}

const DATABASES: Record<LanguageDatabase, () => Promise<{ eld: Eld }>> = {
  extrasmall: () => import('eld/extrasmall'),
  small: () => import('eld/small'),
  medium: () => import('eld/medium'),
  large: () => import('eld/large'),
};

/** eld reads at most the first 1,000 characters (about 350 bytes of words); a few times that leaves room for cleaning. */
const SAMPLE_CHARS = 4000;
const ALTERNATIVES = 3;
/** URLs, e-mail addresses and numbers say nothing about the language around them. */
const NOISE = /(?:https?:\/\/|www\.)\S+|\S+@\S+|[\p{N}_]+/gu;
const WHITESPACE_RUNS = /\s+/g;
const LETTER = /\p{L}/gu;

const UNDETERMINED: NlpLanguageResult = Object.freeze({
  language: 'und',
  iso6393: 'und',
  name: 'Undetermined',
  confidence: 0,
  reliable: false,
  alternatives: [],
});

/** Detects the language of texts. */
export interface LanguageDetector {
  readonly name: string;
  readonly database: LanguageDatabase;
  detect(text: string): NlpLanguageResult;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function codes(language: string): { language: string; iso6393: string; name: string } {
  const known = ELD_LANGUAGES[language];
  return { language, iso6393: known?.iso6393 ?? language, name: known?.name ?? language };
}

function hasLetters(text: string, minLetters: number): boolean {
  LETTER.lastIndex = 0;
  let letters = 0;
  while (letters < minLetters && LETTER.exec(text) !== null) letters += 1;
  return letters >= minLetters;
}

/** The part of a text the detector looks at: its beginning, without URLs, addresses and numbers. */
export function languageSample(text: string): string {
  return text.slice(0, SAMPLE_CHARS).replace(NOISE, ' ').replace(WHITESPACE_RUNS, ' ').trim();
}

/**
 * Loads eld with one of its databases (once, at start: the extra-small one takes about 0.3 s)
 * and returns a detector. Texts with fewer than `minLetters` letters once URLs, addresses and
 * numbers are removed are `und` with confidence 0; so is anything eld cannot place.
 */
export async function loadLanguageDetector(options: {
  readonly database: LanguageDatabase;
  readonly minLetters: number;
}): Promise<LanguageDetector> {
  const { eld } = await DATABASES[options.database]();
  return {
    name: 'eld',
    database: options.database,
    detect(text: string): NlpLanguageResult {
      const sample = languageSample(text);
      if (!hasLetters(sample, options.minLetters)) return UNDETERMINED;
      const result = eld.detect(sample);
      if (result.language === '') return UNDETERMINED;
      const scores = Object.entries(result.getScores()).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const top = scores.find(([language]) => language === result.language)?.[1] ?? 0;
      const reliable = result.isReliable();
      return {
        ...codes(result.language),
        confidence: round(reliable ? top : top / 2),
        reliable,
        alternatives: scores
          .filter(([language]) => language !== result.language)
          .slice(0, ALTERNATIVES)
          .map(([language, score]) => {
            const { iso6393 } = codes(language);
            return { language, iso6393, score: round(score) };
          }),
      };
    },
  };
}

import { nlpSentenceOptionsSchema } from '@mlops/contracts';
import type { z } from 'zod';
import { NUMBER_ABBREVIATIONS, ORDINAL_MONTHS, TITLE_ABBREVIATIONS } from './abbreviations.js';
import { isWhitespaceCode } from './whitespace.js';

/** How `splitSentences` treats line breaks. Serialisable JSON. */
export const sentenceOptionsSchema = nlpSentenceOptionsSchema;
export type SentenceOptions = z.output<typeof sentenceOptionsSchema>;
export type SentenceOptionsInput = z.input<typeof sentenceOptionsSchema>;

/** A sentence of the input: `text` is `input.slice(start, end)`, offsets in UTF-16 code units. */
export interface Sentence {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const TERMINATORS = new Set(['.', '!', '?', '…', '‼', '⁇', '⁈', '⁉', '。', '！', '？', '｡', '؟', '।', '॥', '።']);
/** Full stops of scripts written without spaces: they end a sentence even with no space after them. */
const SPACELESS_TERMINATORS = new Set(['。', '！', '？', '｡']);
const CLOSERS = new Set(['"', "'", '”', '’', '»', '›', ')', ']', '}', '」', '』', '）', '】', '》', '〉']);
const OPENERS = new Set([
  '"',
  "'",
  '“',
  '‘',
  '„',
  '«',
  '‹',
  '(',
  '[',
  '{',
  '「',
  '『',
  '（',
  '【',
  '《',
  '〈',
  '¿',
  '¡',
]);
const LOWERCASE_START = /^\p{Ll}/u;
const DIGIT_START = /^\p{Nd}/u;
const WORD_CHAR = /[\p{L}\p{M}]/u;
const SINGLE_INITIAL = /^\p{Lu}$/u;
const ORDINAL = /^\d{1,2}$/;

const DEFAULT_OPTIONS: SentenceOptions = { lineBreaks: 'paragraph' };

/** How many line breaks a whitespace character counts for (a form feed or paragraph separator: a blank line). */
function lineBreakWeight(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code === 0x0a || code === 0x0b || code === 0x85 || code === 0x2028) return 1;
  if (code === 0x0d) return text.charCodeAt(index + 1) === 0x0a ? 0 : 1;
  if (code === 0x0c || code === 0x2029) return 2;
  return 0;
}

/** The letters and inner periods just before `index` ("Dr", "e.g", "z.B"). */
function wordBefore(text: string, index: number): string {
  let start = index;
  while (start > 0) {
    const char = text[start - 1] ?? '';
    if (char !== '.' && !WORD_CHAR.test(char)) break;
    start -= 1;
  }
  return text.slice(start, index);
}

function digitsBefore(text: string, index: number): string {
  let start = index;
  while (start > 0) {
    const code = text.charCodeAt(start - 1);
    if (code < 0x30 || code > 0x39) break;
    start -= 1;
  }
  return text.slice(start, index);
}

function wordAt(text: string, index: number): string {
  let end = index;
  while (end < text.length && WORD_CHAR.test(text[end] ?? '')) end += 1;
  return text.slice(index, end);
}

/** Decides whether the terminator run `[runStart, runEnd)` (closing quotes included up to `end`) ends a sentence. */
function endsSentence(text: string, runStart: number, runEnd: number, end: number): boolean {
  if (end >= text.length) return true;
  const run = text.slice(runStart, runEnd);
  if (!isWhitespaceCode(text.charCodeAt(end))) {
    for (let i = runStart; i < runEnd; i += 1) if (SPACELESS_TERMINATORS.has(text[i] ?? '')) return true;
    return false;
  }
  let next = end;
  while (next < text.length && (isWhitespaceCode(text.charCodeAt(next)) || OPENERS.has(text[next] ?? ''))) next += 1;
  if (next >= text.length) return true;
  const following = String.fromCodePoint(text.codePointAt(next) ?? 0);
  if (LOWERCASE_START.test(following)) return false;
  if (run !== '.') return true;
  const word = wordBefore(text, runStart);
  const key = word.toLowerCase();
  if (TITLE_ABBREVIATIONS.has(key) || SINGLE_INITIAL.test(word)) return false;
  if (DIGIT_START.test(following) && NUMBER_ABBREVIATIONS.has(key)) return false;
  if (word === '' && ORDINAL.test(digitsBefore(text, runStart))) {
    return !ORDINAL_MONTHS.has(wordAt(text, next).toLowerCase());
  }
  return true;
}

/**
 * Splits a text into sentences in one pass. A sentence ends at `.`, `!`, `?`, `…` (and their
 * CJK, Arabic and Devanagari forms), with any closing quotes or brackets, when whitespace and
 * then anything but a lower-case letter follow. A period does not end a sentence inside numbers
 * (3.14), after title abbreviations (Dr., e.g., z.B.), single initials (J. Smith), number
 * abbreviations before a number (No. 5, p. 12) or a German ordinal before a month (5. März).
 * Line breaks end a sentence as `options.lineBreaks` says. Sentences are trimmed; spans index
 * the input in UTF-16 code units.
 */
export function splitSentences(text: string, options: SentenceOptions = DEFAULT_OPTIONS): Sentence[] {
  const sentences: Sentence[] = [];
  const minBreaks = options.lineBreaks === 'line' ? 1 : options.lineBreaks === 'paragraph' ? 2 : Infinity;
  let start = -1;
  let lastVisibleEnd = -1;
  const close = (end: number): void => {
    if (start >= 0 && end > start) sentences.push({ text: text.slice(start, end), start, end });
    start = -1;
  };

  let i = 0;
  while (i < text.length) {
    if (isWhitespaceCode(text.charCodeAt(i))) {
      let breaks = 0;
      while (i < text.length && isWhitespaceCode(text.charCodeAt(i))) {
        breaks += lineBreakWeight(text, i);
        i += 1;
      }
      if (breaks >= minBreaks) close(lastVisibleEnd);
      continue;
    }
    if (start < 0) start = i;
    if (!TERMINATORS.has(text[i] ?? '')) {
      i += 1;
      lastVisibleEnd = i;
      continue;
    }
    const runStart = i;
    while (i < text.length && TERMINATORS.has(text[i] ?? '')) i += 1;
    const runEnd = i;
    while (i < text.length && CLOSERS.has(text[i] ?? '')) i += 1;
    lastVisibleEnd = i;
    if (endsSentence(text, runStart, runEnd, i)) close(i);
  }
  close(lastVisibleEnd);
  return sentences;
}

/**
 * Validates sentence options and fills in the defaults; throws a ZodError on bad input.
 */
export function parseSentenceOptions(input: SentenceOptionsInput = {}): SentenceOptions {
  return sentenceOptionsSchema.parse(input);
}

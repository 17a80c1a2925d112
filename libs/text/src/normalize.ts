import { nlpNormalizeOptionsSchema } from '@mlops/contracts';
import type { z } from 'zod';
import { caseFold, stripAccents } from './folding.js';

/** How `normalizeText` rewrites a text. Serialisable JSON, so it can be stored next to a model. */
export const normalizeOptionsSchema = nlpNormalizeOptionsSchema;
export type NormalizeOptions = z.output<typeof normalizeOptionsSchema>;
export type NormalizeOptionsInput = z.input<typeof normalizeOptionsSchema>;

/**
 * Control characters other than whitespace, and invisible format characters. ZWJ and ZWNJ stay:
 * emoji sequences and several scripts need them. (`v` flag: built at run time, tsc targets ES2022.)
 */
const INVISIBLE = new RegExp(
  String.raw`[[\p{Cc}--[\t\n\v\f\r\u0085]]\u00ad\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]`,
  'gv',
);
const WHITESPACE_RUN = /[\s\u0085]+/g;
const LINE_BREAKS = /\r\n|[\r\u0085\u2028]/g;
const PARAGRAPH_SEPARATOR = /\u2029/g;

function countNewlines(run: string): number {
  let count = 0;
  for (let i = 0; i < run.length; i += 1) if (run.charCodeAt(i) === 10) count += 1;
  return count;
}

function normalizeWhitespace(text: string, mode: NormalizeOptions['whitespace']): string {
  switch (mode) {
    case 'keep':
      return text;
    case 'collapse':
      return text.replace(WHITESPACE_RUN, ' ').trim();
    case 'lines': {
      const unified = text.replace(LINE_BREAKS, '\n').replace(PARAGRAPH_SEPARATOR, '\n\n');
      return unified
        .replace(WHITESPACE_RUN, (run) => {
          const newlines = countNewlines(run);
          return newlines === 0 ? ' ' : newlines === 1 ? '\n' : '\n\n';
        })
        .trim();
    }
  }
}

/**
 * Normalises a text in a fixed order: invisible characters out, Unicode form (NFKC by default),
 * accents, case folding, then whitespace. Pure and deterministic; call with options already
 * parsed by `normalizeOptionsSchema` (as `parseNormalizeOptions` returns).
 */
export function normalizeText(text: string, options: NormalizeOptions): string {
  let result = options.removeControls ? text.replace(INVISIBLE, '') : text;
  if (options.form !== 'none') result = result.normalize(options.form);
  if (options.stripAccents) result = stripAccents(result);
  if (options.caseFold) result = caseFold(result);
  return normalizeWhitespace(result, options.whitespace);
}

/**
 * Validates normalisation options and fills in the defaults; throws a ZodError on bad input.
 */
export function parseNormalizeOptions(input: NormalizeOptionsInput = {}): NormalizeOptions {
  return normalizeOptionsSchema.parse(input);
}

import { nlpTokenizerOptionsSchema } from '@mlops/contracts';
import type { z } from 'zod';

/** Tokeniser options: serialisable JSON, stored in model manifests next to `TOKENIZER_VERSION`. */
export const tokenizerOptionsSchema = nlpTokenizerOptionsSchema;
export type TokenizerOptions = z.output<typeof tokenizerOptionsSchema>;
export type TokenizerOptionsInput = z.input<typeof tokenizerOptionsSchema>;

export type TokenKind = 'word' | 'number' | 'emoji';

/**
 * One token. `text` is its value (NFKC, then as the options say); `start` and `end` locate the
 * raw token in the input, in UTF-16 code units: `input.slice(start, end)`.
 */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly kind: TokenKind;
}

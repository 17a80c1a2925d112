import { tokenValue } from './token-value.js';
import type { TokenizerOptions } from './tokenizer-options.js';

/** How many raw tokens a generation holds: word frequencies are Zipfian, a few thousand cover most. */
const PER_GENERATION = 16_384;

/**
 * `tokenValue` of non-ASCII raw tokens, remembered: NFKC and case folding cost an ICU call each,
 * and the same words come back. Two generations: when the newer is full it becomes the older, and
 * a raw token found only in the older moves to the newer; memory stays bounded whatever the input.
 */
export class TokenValueMemo {
  private newer = new Map<string, string>();
  private older = new Map<string, string>();

  constructor(private readonly options: TokenizerOptions) {}

  /** The value of a raw word or number token. */
  valueOf(raw: string): string {
    let value = this.newer.get(raw);
    if (value !== undefined) return value;
    value = this.older.get(raw) ?? tokenValue(raw, this.options);
    if (this.newer.size >= PER_GENERATION) {
      this.older = this.newer;
      this.newer = new Map();
    }
    this.newer.set(raw, value);
    return value;
  }
}

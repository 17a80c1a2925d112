import type { TokenKind } from './tokenizer-options.js';

/** Token kinds as the codes a `TokenBuffer` stores. */
export const TOKEN_KIND_CODES: Readonly<Record<TokenKind, number>> = { word: 0, number: 1, emoji: 2 };
const KINDS: readonly TokenKind[] = ['word', 'number', 'emoji'];

function grownInt32(array: Int32Array, length: number): Int32Array {
  const grown = new Int32Array(length);
  grown.set(array);
  return grown;
}

/**
 * The tokens of one text in reusable typed arrays, filled by `Tokenizer.tokenizeInto`: no object
 * per token. Token `i` spans `text.slice(starts[i], ends[i])` of the input, its kind is
 * `kinds[i]` (`TOKEN_KIND_CODES`) and its value is the UTF-16 code units
 * `chars[valueStarts[i] .. valueEnds[i])`. The values follow one another from 0 (`valueStarts[i]`
 * is `valueEnds[i - 1]`) up to `charCount`. The arrays only grow, and hold the last text's tokens
 * until the next fill; read `count` entries.
 */
export class TokenBuffer {
  /** The number of tokens. */
  count = 0;
  starts: Int32Array = new Int32Array(256);
  ends: Int32Array = new Int32Array(256);
  kinds: Uint8Array = new Uint8Array(256);
  valueStarts: Int32Array = new Int32Array(256);
  valueEnds: Int32Array = new Int32Array(256);
  /** The values' code units, token after token. */
  chars: Uint16Array = new Uint16Array(4096);
  /** The number of code units used in `chars`. */
  charCount = 0;
  /** The value of a token as a string when the tokeniser had to make one (non-ASCII tokens). */
  readonly strings: (string | undefined)[] = [];
  private text = '';
  private lowercase = false;

  /**
   * Empties the buffer for the tokens of `text`. The value of a token without a string in
   * `strings` is its span of `text`, lower-cased when `lowercase` (such spans are ASCII).
   */
  reset(text: string, lowercase: boolean): void {
    this.count = 0;
    this.charCount = 0;
    this.text = text;
    this.lowercase = lowercase;
    this.strings.length = 0;
  }

  /** Room for one more token and `chars` more value code units. */
  reserve(chars: number): void {
    if (this.count === this.starts.length) {
      const length = this.starts.length * 2;
      this.starts = grownInt32(this.starts, length);
      this.ends = grownInt32(this.ends, length);
      this.valueStarts = grownInt32(this.valueStarts, length);
      this.valueEnds = grownInt32(this.valueEnds, length);
      const kinds = new Uint8Array(length);
      kinds.set(this.kinds);
      this.kinds = kinds;
    }
    if (this.charCount + chars > this.chars.length) {
      const grown = new Uint16Array(Math.max(this.chars.length * 2, this.charCount + chars));
      grown.set(this.chars.subarray(0, this.charCount));
      this.chars = grown;
    }
  }

  /**
   * Adds a token spanning `[start, end)` of the input whose value the caller has written into
   * `chars` from `charCount` (after `reserve`): as many code units as the span has.
   */
  commit(start: number, end: number, kind: number): void {
    const slot = this.count++;
    this.starts[slot] = start;
    this.ends[slot] = end;
    this.kinds[slot] = kind;
    this.valueStarts[slot] = this.charCount;
    this.charCount += end - start;
    this.valueEnds[slot] = this.charCount;
  }

  /** Adds a token whose value is `value`, spanning `[start, end)` of the input, of kind code `kind`. */
  pushValue(value: string, start: number, end: number, kind: number): void {
    this.reserve(value.length);
    const slot = this.count++;
    this.starts[slot] = start;
    this.ends[slot] = end;
    this.kinds[slot] = kind;
    this.strings[slot] = value;
    let at = this.charCount;
    this.valueStarts[slot] = at;
    for (let index = 0; index < value.length; index++) this.chars[at++] = value.charCodeAt(index);
    this.valueEnds[slot] = at;
    this.charCount = at;
  }

  /** The value of token `index` as a string. */
  value(index: number): string {
    const made = this.strings[index];
    if (made !== undefined) return made;
    const raw = this.text.slice(this.starts[index], this.ends[index]);
    return this.lowercase ? raw.toLowerCase() : raw;
  }

  /** The kind of token `index`. */
  kind(index: number): TokenKind {
    return KINDS[this.kinds[index] ?? 0] ?? 'word';
  }
}

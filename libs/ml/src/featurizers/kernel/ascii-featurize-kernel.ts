import { isTokenNeutral, type TokenBuffer, type TokenizerOptions } from '@mlops/text';
import type { SparseVector } from '../../core/sparse-vector.js';
import type { TokenIdSlots } from '../token-id-table.js';
import { allocateSparseVector } from '../vector-slab.js';
import { FEATURIZE_KERNEL_BASE64 } from './featurize-kernel-binary.js';
import { webAssembly, type CompiledModule, type WasmMemory } from './webassembly-api.js';

/** The longest text, in UTF-16 code units, the kernel takes; longer ones keep the TypeScript path (bounded scratch memory). */
export const KERNEL_MAX_TEXT_LENGTH = 1 << 18;
/** The largest id space the kernel's bitmaps cover, as the TypeScript collector's. */
const KERNEL_MAX_DIMENSION = 2 ** 26;
const SUBLINEAR_TABLE_SIZE = 256;

interface KernelExports {
  readonly memory: WasmMemory;
  allocate(bytes: number): number;
  configureTokenizer(flags: number, minLength: number, maxLength: number): void;
  configureVocabulary(
    frequent: number,
    frequentMask: number,
    rest: number,
    restMask: number,
    useRest: boolean,
    chars: number,
    starts: number,
    wide: number,
  ): void;
  configureWordNgrams(maxN: number, buckets: number, offset: number): void;
  configureWeighting(tfIdf: boolean, idfs: number, sublinear: boolean, l2: boolean, table: number): void;
  configureCollector(dimension: number): void;
  prepare(length: number): number;
  featurize(length: number): number;
  prepareTokens(count: number, units: number): number;
  featurizeTokens(count: number): number;
  tokenCount(): number;
  outOfVocabularyCount(): number;
  idsPointer(): number;
  valuesPointer(): number;
}

/** How the kernel weighs counts: TF-IDF with the idf of every id, or the mean. */
export type KernelWeighting =
  | {
      readonly kind: 'tfidf';
      /** The idf of each id in `[0, dimension)`, as the TypeScript weighting holds them. */
      readonly idfs: Float32Array;
      readonly sublinearTf: boolean;
      readonly l2: boolean;
      /** `1 + ln(count)` for counts 0 to 255, the TypeScript weighting's own table. */
      readonly sublinearTable: Float64Array;
    }
  | { readonly kind: 'mean' };

/** What a kernel computes: a text featurizer's parts without character n-grams or numeric features. */
export interface KernelParts {
  readonly tokenizer: TokenizerOptions;
  /** The vocabulary's words by id (ids from 0). */
  readonly vocabulary: readonly string[];
  /** The slots of the vocabulary's `TokenIdTable`, which the kernel probes as it does. */
  readonly vocabularySlots: TokenIdSlots;
  /** Hashed word n-grams placed from `offset`, or null. */
  readonly wordNgrams: { readonly maxN: number; readonly buckets: number; readonly offset: number } | null;
  readonly weighting: KernelWeighting;
  /** The number of text feature ids. */
  readonly dimension: number;
}

let compiled: CompiledModule | undefined;

function kernelModule(): CompiledModule {
  compiled ??= new webAssembly.Module(Buffer.from(FEATURIZE_KERNEL_BASE64, 'base64'));
  return compiled;
}

function isAsciiWord(word: string): boolean {
  for (let index = 0; index < word.length; index++) if (word.charCodeAt(index) >= 128) return false;
  return true;
}

/** Copies a slot table into the kernel's memory; returns where it is. */
function copySlots(kernel: KernelExports, slots: Int32Array): number {
  const at = kernel.allocate(slots.byteLength);
  new Int32Array(kernel.memory.buffer, at, slots.length).set(slots);
  return at;
}

/**
 * The vocabulary's table (the TypeScript path's own slots, copied) and its words: an ASCII word as
 * one byte a character, a wide word (with a non-ASCII code unit) as its UTF-16 code units, two
 * bytes each, marked wide. The kernel's own ASCII scan never matches a wide word; token values
 * from the TypeScript tokeniser match either kind.
 */
function loadVocabulary(kernel: KernelExports, words: readonly string[], slots: TokenIdSlots): void {
  const frequent = copySlots(kernel, slots.frequent);
  const rest = copySlots(kernel, slots.rest);
  const startsAt = kernel.allocate((words.length + 1) * 4);
  const wideAt = kernel.allocate(Math.max(words.length, 1));
  const ascii = words.map(isAsciiWord);
  let length = 0;
  words.forEach((word, id) => {
    length += ascii[id] ? word.length : word.length * 2;
  });
  const charsAt = kernel.allocate(length);
  const { buffer } = kernel.memory;
  const starts = new Int32Array(buffer, startsAt, words.length + 1);
  const wide = new Uint8Array(buffer, wideAt, words.length);
  const chars = new Uint8Array(buffer, charsAt, length);
  let at = 0;
  words.forEach((word, id) => {
    starts[id] = at;
    if (ascii[id]) {
      for (let index = 0; index < word.length; index++) chars[at++] = word.charCodeAt(index);
      return;
    }
    wide[id] = 1;
    for (let index = 0; index < word.length; index++) {
      const unit = word.charCodeAt(index);
      chars[at++] = unit & 0xff;
      chars[at++] = unit >>> 8;
    }
  });
  starts[words.length] = at;
  kernel.configureVocabulary(
    frequent,
    (slots.frequent.length >> 1) - 1,
    rest,
    (slots.rest.length >> 1) - 1,
    slots.searchesRest,
    charsAt,
    startsAt,
    wideAt,
  );
}

function loadWeighting(kernel: KernelExports, weighting: KernelWeighting, dimension: number): void {
  if (weighting.kind === 'mean') {
    kernel.configureWeighting(false, 0, false, false, 0);
    return;
  }
  if (weighting.idfs.length !== dimension || weighting.sublinearTable.length < SUBLINEAR_TABLE_SIZE) {
    throw new RangeError(`the kernel needs ${dimension} idfs and ${SUBLINEAR_TABLE_SIZE} sublinear tf values`);
  }
  const idfs = kernel.allocate(dimension * 4);
  new Float32Array(kernel.memory.buffer, idfs, dimension).set(weighting.idfs);
  const table = kernel.allocate(SUBLINEAR_TABLE_SIZE * 8);
  new Float64Array(kernel.memory.buffer, table, SUBLINEAR_TABLE_SIZE).set(
    weighting.sublinearTable.subarray(0, SUBLINEAR_TABLE_SIZE),
  );
  kernel.configureWeighting(true, idfs, weighting.sublinearTf, weighting.l2, table);
}

/**
 * The featurize kernel: a WebAssembly module (built from libs/ml/assembly/featurize-kernel.ts)
 * that featurizes a text whose tokens are ASCII in one scan, tokenising, hashing, looking up,
 * counting and weighting in its own memory, with exactly the ids and float32 values of the
 * TypeScript path. Non-ASCII characters the tokeniser treats like punctuation separate tokens as
 * ASCII punctuation does. A text with any other non-ASCII character (a letter, digit, mark, emoji,
 * ’ ...), or longer than `KERNEL_MAX_TEXT_LENGTH`, is not taken by `transform` (it answers null):
 * the TypeScript tokeniser, which keeps the full Unicode rules, tokenises it, and
 * `transformTokens` featurizes its tokens.
 * One instance per featurizer; not reentrant (one text at a time, as JavaScript runs).
 */
export class AsciiFeaturizeKernel {
  private readonly encoder = new TextEncoder();

  private constructor(private readonly kernel: KernelExports) {}

  /** A kernel for these parts, or null when they are outside what it covers. */
  static create(parts: KernelParts): AsciiFeaturizeKernel | null {
    if (parts.dimension > KERNEL_MAX_DIMENSION) return null;
    const instance = new webAssembly.Instance(kernelModule(), {
      'featurize-kernel': {
        hostLog: Math.log,
        hostTokenNeutral: (codePoint: number) => (isTokenNeutral(codePoint) ? 1 : 0),
      },
    });
    const kernel = instance.exports as unknown as KernelExports;
    const { tokenizer } = parts;
    kernel.configureTokenizer(
      (tokenizer.lowercase ? 1 : 0) |
        (tokenizer.splitApostrophes ? 2 : 0) |
        (tokenizer.splitHyphens ? 4 : 0) |
        (tokenizer.keepNumbers ? 8 : 0),
      tokenizer.minLength,
      tokenizer.maxLength,
    );
    loadVocabulary(kernel, parts.vocabulary, parts.vocabularySlots);
    const ngrams = parts.wordNgrams;
    kernel.configureWordNgrams(ngrams?.maxN ?? 0, ngrams?.buckets ?? 1, ngrams?.offset ?? 0);
    loadWeighting(kernel, parts.weighting, parts.dimension);
    kernel.configureCollector(parts.dimension);
    return new AsciiFeaturizeKernel(kernel);
  }

  /** Tokens in the last text `transform` featurized. */
  get tokens(): number {
    return this.kernel.tokenCount();
  }

  /** Of them, tokens outside the vocabulary. */
  get outOfVocabulary(): number {
    return this.kernel.outOfVocabularyCount();
  }

  /**
   * The weighted features of a text whose tokens are ASCII, or null when a non-ASCII character
   * could belong to a token (or the text is too long): the TypeScript path's rules decide then.
   */
  transform(text: string): SparseVector | null {
    const { length } = text;
    if (length > KERNEL_MAX_TEXT_LENGTH) return null;
    const { kernel } = this;
    const bytes = Buffer.byteLength(text, 'utf8');
    const at = kernel.prepare(bytes);
    this.encoder.encodeInto(text, new Uint8Array(kernel.memory.buffer, at, bytes));
    const count = kernel.featurize(bytes);
    return count < 0 ? null : this.#vector(count);
  }

  /**
   * The weighted features of the tokens a TypeScript tokeniser with this kernel's options put in
   * `tokens` (values contiguous in `chars`, as `tokenizeInto` writes them): the vector the
   * TypeScript path gives for their text.
   */
  transformTokens(tokens: TokenBuffer): SparseVector {
    const { kernel } = this;
    const { count, charCount } = tokens;
    const at = kernel.prepareTokens(count, charCount);
    const { buffer } = kernel.memory;
    new Int32Array(buffer, at, count).set(tokens.valueEnds.subarray(0, count));
    new Uint16Array(buffer, at + count * 4, charCount).set(tokens.chars.subarray(0, charCount));
    return this.#vector(kernel.featurizeTokens(count));
  }

  #vector(count: number): SparseVector {
    const { kernel } = this;
    const vector = allocateSparseVector(count);
    const { buffer } = kernel.memory;
    vector.ids.set(new Int32Array(buffer, kernel.idsPointer(), count));
    vector.values.set(new Float32Array(buffer, kernel.valuesPointer(), count));
    return vector;
  }
}

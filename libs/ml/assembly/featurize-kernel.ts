// The featurize kernel, in AssemblyScript: one text in (UTF-8), its TF-IDF (or mean) weighted
// feature vector out, with the same ids and float32 values as the TypeScript featurizer
// (libs/ml/src/featurizers/text-featurizer.ts) gives for it. Its own tokeniser reads ASCII: a
// non-ASCII character the tokeniser treats like punctuation (no-break space, curly double quotes,
// dashes, bullets ...) separates tokens; any other makes `featurize` answer -1. The host then
// tokenises the text with the TypeScript tokeniser, which keeps the full Unicode rules, and hands
// the token values (UTF-16 code units) to `featurizeTokens`, which hashes, looks up, counts and
// weighs them as `featurize` does. Built into
// libs/ml/src/featurizers/kernel/featurize-kernel-binary.ts by `pnpm kernel:build`.
//
// The host configures one instance per featurizer (its tokeniser options, vocabulary, word
// n-grams, weighting) by writing tables into this memory, then for each text writes its bytes at
// `prepare(bytes)` and calls `featurize(length)`, or writes its tokens at
// `prepareTokens(count, units)` and calls `featurizeTokens(count)`.
//
// Memory is taken from the stub runtime's bump allocator and never freed: the tables live as long
// as the instance, and the per-text scratch only grows (doubling), so it stays within twice the
// longest text's needs.

/** `ln(value)` for sublinear counts of 256 and more, from the host so that it rounds as V8's `Math.log` does. */
declare function hostLog(value: f64): f64;
/** 1 when the tokeniser treats the BMP code point like ASCII punctuation (`isTokenNeutral` of @mlops/text), else 0. */
declare function hostTokenNeutral(codePoint: i32): i32;

const FNV1A_OFFSET_BASIS: u32 = 0x811c9dc5;
const FNV1A_PRIME: u32 = 0x01000193;
const SPACE: u32 = 0x20;
const APOSTROPHE: u32 = 0x27;
const COMMA: u32 = 0x2c;
const HYPHEN: u32 = 0x2d;
const FULL_STOP: u32 = 0x2e;

/** Character types in the low two bits of a table entry. */
const LETTER: u32 = 1;
const DIGIT: u32 = 2;
const TYPE_MASK: u32 = 3;
/** Bits below the value code unit in a table entry. */
const TYPE_BITS: u32 = 2;

/** Per byte, `(value << TYPE_BITS) | type`: the value lower-cased, or as it is. */
const LOWER_CASE_ENTRIES = memory.data(512);
const SAME_CASE_ENTRIES = memory.data(512);

/** Counts at or above this take the host's logarithm; below, `sublinearTable` has them. */
const SUBLINEAR_TABLE_SIZE: i32 = 256;
/** The answer of `featurize` for a text it leaves to the host. */
const NOT_TAKEN: i32 = -1;
const REPLACEMENT_CHARACTER: u32 = 0xfffd;
/** Per BMP code point: 0 not asked yet, 1 neutral, 2 not neutral. */
const NEUTRAL_UNKNOWN: u8 = 0;
const NEUTRAL: u8 = 1;
const GOLDEN: u32 = 0x9e3779b1;
/** Generations wrap here, stamps cleared, before they would overflow (as `RepeatCounts` does). */
const LAST_GENERATION: i32 = 0x3fffffff;

let entries: usize = LOWER_CASE_ENTRIES;
let splitApostrophes = false;
let splitHyphens = false;
let keepNumbers = true;
let minLength: i32 = 1;
let maxLength: i32 = 64;

let frequentSlots: usize = 0;
let frequentMask: u32 = 0;
let restSlots: usize = 0;
let restMask: u32 = 0;
let hasRest = false;
let vocabularyChars: usize = 0;
let vocabularyStarts: usize = 0;
/** Per id, 1 when the word has a non-ASCII code unit: its chars are then its UTF-16 code units, two bytes each. */
let vocabularyWide: usize = 0;

let ngramMaxN: i32 = 0;
let ngramBuckets: u32 = 1;
let ngramMask: u32 = 0;
let ngramPowerOfTwo = true;
let ngramOffset: i32 = 0;

let tfIdf = true;
let idfs: usize = 0;
let sublinearTf = true;
let l2Norm = true;
let sublinearTable: usize = 0;

/** Per 32 ids, two words: the ids seen, the ids seen more than once. */
let seenBits: usize = 0;
/** One bit per `seenBits` pair holding a set bit. */
let summary: usize = 0;
/** One bit per `summary` word holding a set bit. */
let top: usize = 0;
let highestId: i32 = -1;
let repeatIds: usize = 0;
let repeatCounts: usize = 0;
let repeatStamps: usize = 0;
let repeatSlots: i32 = 0;
let repeatUsed: i32 = 0;
let generation: i32 = 1;

let neutrality: usize = 0;

let capacity: i32 = 0;
let text: usize = 0;
let tokenCapacity: i32 = 0;
/** `featurizeTokens`' input: `count` int32 value ends, then the values' UTF-16 code units. */
let tokenInput: usize = 0;
let tokenInputCapacity: i32 = 0;
/** Where the values' code units of the tokens being featurized are. */
let tokenUnits: usize = 0;
let tokenStarts: usize = 0;
let tokenEnds: usize = 0;
let tokenHashes: usize = 0;
let runIds: usize = 0;
let runCounts: usize = 0;
let weights: usize = 0;
let outIds: usize = 0;
let outValues: usize = 0;

let tokenTotal: i32 = 0;
let outOfVocabulary: i32 = 0;

function fillEntries(): void {
  for (let code: u32 = 0; code < 256; code++) {
    let type: u32 = 0;
    if (code - 0x61 < 26 || code - 0x41 < 26) type = LETTER;
    else if (code - 0x30 < 10) type = DIGIT;
    const lower = code - 0x41 < 26 ? code + 32 : code;
    store<u16>(LOWER_CASE_ENTRIES + ((<usize>code) << 1), <u16>((lower << TYPE_BITS) | type));
    store<u16>(SAME_CASE_ENTRIES + ((<usize>code) << 1), <u16>((code << TYPE_BITS) | type));
  }
}
fillEntries();

/** `bytes` zeroed bytes that live as long as the instance. */
export function allocate(bytes: i32): usize {
  const pointer = heap.alloc(<usize>bytes);
  memory.fill(pointer, 0, <usize>bytes);
  return pointer;
}

/** Flags: 1 lowercase, 2 splitApostrophes, 4 splitHyphens, 8 keepNumbers. Lengths in code units (ASCII: code points). */
export function configureTokenizer(flags: i32, shortest: i32, longest: i32): void {
  entries = (flags & 1) != 0 ? LOWER_CASE_ENTRIES : SAME_CASE_ENTRIES;
  splitApostrophes = (flags & 2) != 0;
  splitHyphens = (flags & 4) != 0;
  keepNumbers = (flags & 8) != 0;
  minLength = shortest;
  maxLength = longest;
}

/**
 * The vocabulary: two open-addressing tables of (FNV-1a hash, id + 1) pairs, the first for the
 * most frequent ids, the words' bytes with `count + 1` start offsets (an ASCII word's characters,
 * a wide word's UTF-16 code units), and a byte per id, 1 for a wide word.
 */
export function configureVocabulary(
  frequent: usize,
  frequentSlotMask: u32,
  rest: usize,
  restSlotMask: u32,
  useRest: bool,
  chars: usize,
  starts: usize,
  wide: usize,
): void {
  vocabularyWide = wide;
  frequentSlots = frequent;
  frequentMask = frequentSlotMask;
  restSlots = rest;
  restMask = restSlotMask;
  hasRest = useRest;
  vocabularyChars = chars;
  vocabularyStarts = starts;
}

/** Hashed word n-grams from 2 to `maxN` words (0: none) into `buckets`, ids from `offset`. */
export function configureWordNgrams(maxN: i32, buckets: u32, offset: i32): void {
  ngramMaxN = maxN;
  ngramBuckets = buckets;
  ngramPowerOfTwo = (buckets & (buckets - 1)) == 0;
  ngramMask = buckets - 1;
  ngramOffset = offset;
}

/** TF-IDF (float32 idf per id, sublinear tf table of `SUBLINEAR_TABLE_SIZE` float64) or, when `useTfIdf` is false, the mean. */
export function configureWeighting(useTfIdf: bool, idfTable: usize, sublinear: bool, l2: bool, table: usize): void {
  tfIdf = useTfIdf;
  idfs = idfTable;
  sublinearTf = sublinear;
  l2Norm = l2;
  sublinearTable = table;
}

/** Sizes the id bitmaps for ids below `dimension`. */
export function configureCollector(dimension: i32): void {
  let covered: i32 = 1 << 15;
  while (covered < dimension) covered <<= 1;
  seenBits = allocate(covered >>> 2);
  summary = allocate(covered >>> 8);
  top = allocate(max(4, covered >>> 13));
  repeatSlots = 256;
  repeatIds = allocate(repeatSlots << 2);
  repeatCounts = allocate(repeatSlots << 2);
  repeatStamps = allocate(repeatSlots << 2);
  neutrality = allocate(0x10000);
}

/** Room for the tokens of one text and their features (a word and its n-grams per token). */
function ensureTokenRoom(tokens: i32): void {
  if (tokens <= tokenCapacity) return;
  const room = max(tokenCapacity * 2, max(tokens, 2050));
  const featureRoom = room * max(ngramMaxN, 1) + 2;
  tokenStarts = allocate(room << 2);
  tokenEnds = allocate(room << 2);
  tokenHashes = allocate(room << 2);
  runIds = allocate(featureRoom << 2);
  runCounts = allocate(featureRoom << 2);
  weights = allocate(featureRoom << 3);
  outIds = allocate(featureRoom << 2);
  outValues = allocate(featureRoom << 2);
  tokenCapacity = room;
}

/** Room for a text of `length` bytes; returns where to write it. */
export function prepare(length: i32): usize {
  if (length > capacity) {
    const size = max(capacity * 2, max(length, 4096));
    text = allocate(size);
    capacity = size;
  }
  ensureTokenRoom((length >> 1) + 2);
  return text;
}

/**
 * Room for `count` token values of `units` UTF-16 code units together; returns where to write
 * them: `count` int32 ends (value `i` is the units from the end of value `i - 1`, or 0, to its own
 * end), then the units.
 */
export function prepareTokens(count: i32, units: i32): usize {
  ensureTokenRoom(count + 2);
  const bytes = (count << 2) + (units << 1);
  if (bytes > tokenInputCapacity) {
    const size = max(tokenInputCapacity * 2, max(bytes, 8192));
    tokenInput = allocate(size);
    tokenInputCapacity = size;
  }
  return tokenInput;
}

/** Tokens of the last text. */
export function tokenCount(): i32 {
  return tokenTotal;
}

/** Tokens of the last text outside the vocabulary. */
export function outOfVocabularyCount(): i32 {
  return outOfVocabulary;
}

/** Where the last text's feature ids are (int32, ascending). */
export function idsPointer(): usize {
  return outIds;
}

/** Where the last text's feature values are (float32). */
export function valuesPointer(): usize {
  return outValues;
}

/**
 * The length in bytes of the non-ASCII character at `index` when the tokeniser treats it like
 * punctuation, else 0: characters beyond the BMP (emoji, surrogate pairs) and U+FFFD (what a lone
 * surrogate becomes in UTF-8) are never neutral here.
 */
function neutralLength(index: i32): i32 {
  const lead = <u32>load<u8>(text + index);
  let codePoint: u32;
  let bytes: i32;
  if ((lead & 0xe0) == 0xc0) {
    codePoint = ((lead & 0x1f) << 6) | ((<u32>load<u8>(text + index + 1)) & 0x3f);
    bytes = 2;
  } else if ((lead & 0xf0) == 0xe0) {
    codePoint =
      ((lead & 0x0f) << 12) |
      (((<u32>load<u8>(text + index + 1)) & 0x3f) << 6) |
      ((<u32>load<u8>(text + index + 2)) & 0x3f);
    bytes = 3;
  } else {
    return 0;
  }
  if (codePoint == REPLACEMENT_CHARACTER) return 0;
  let known = load<u8>(neutrality + codePoint);
  if (known == NEUTRAL_UNKNOWN) {
    known = hostTokenNeutral(<i32>codePoint) != 0 ? NEUTRAL : NEUTRAL + 1;
    store<u8>(neutrality + codePoint, known);
  }
  return known == NEUTRAL ? bytes : 0;
}

const HIGH_BITS: u64 = 0x8080808080808080;

/**
 * Whether every non-ASCII character of the text is one the tokeniser treats like punctuation, so
 * that `scan` takes the text: read eight bytes at a time, and only non-ASCII characters decoded. A
 * text `scan` would give up on costs this pass instead of a scan up to its first such character.
 */
function takes(length: i32): bool {
  let index: i32 = 0;
  while (index < length) {
    if (index + 8 <= length && (load<u64>(text + index) & HIGH_BITS) == 0) {
      index += 8;
      continue;
    }
    if (<u32>load<u8>(text + index) < 0x80) {
      index++;
      continue;
    }
    const bytes = neutralLength(index);
    if (bytes == 0) return false;
    index += bytes;
  }
  return true;
}

function typeAt(index: i32): u32 {
  return (<u32>load<u16>(entries + ((<usize>load<u8>(text + index)) << 1))) & TYPE_MASK;
}

function probe(slots: usize, mask: u32, start: i32, end: i32, hash: u32): i32 {
  let slot = (hash ^ (hash >>> 15)) & mask;
  while (true) {
    const at = slots + ((<usize>slot) << 3);
    const entry = load<i32>(at, 4);
    if (entry == 0) return -1;
    if (load<u32>(at) == hash && holds(entry - 1, start, end)) return entry - 1;
    slot = (slot + 1) & mask;
  }
}

function holds(id: i32, start: i32, end: i32): bool {
  if (load<u8>(vocabularyWide + id) != 0) return false;
  const from = load<i32>(vocabularyStarts + ((<usize>id) << 2));
  const to = load<i32>(vocabularyStarts + ((<usize>id) << 2), 4);
  if (to - from != end - start) return false;
  for (let index = 0; index < end - start; index++) {
    if (load<u8>(vocabularyChars + from + index) != load<u8>(text + start + index)) return false;
  }
  return true;
}

function vocabularyId(start: i32, end: i32, hash: u32): i32 {
  const id = probe(frequentSlots, frequentMask, start, end, hash);
  return id >= 0 || !hasRest ? id : probe(restSlots, restMask, start, end, hash);
}

function unitAt(index: i32): u32 {
  return <u32>load<u16>(tokenUnits + ((<usize>index) << 1));
}

/** Whether word `id` is the token value of code units `[start, end)` of `tokenUnits`. */
function holdsUnits(id: i32, start: i32, end: i32): bool {
  const from = load<i32>(vocabularyStarts + ((<usize>id) << 2));
  const to = load<i32>(vocabularyStarts + ((<usize>id) << 2), 4);
  const units = end - start;
  const chars = vocabularyChars + from;
  if (load<u8>(vocabularyWide + id) != 0) {
    if (to - from != units << 1) return false;
    for (let index = 0; index < units; index++) {
      if (<u32>load<u16>(chars + ((<usize>index) << 1)) != unitAt(start + index)) return false;
    }
    return true;
  }
  if (to - from != units) return false;
  for (let index = 0; index < units; index++) {
    if (<u32>load<u8>(chars + index) != unitAt(start + index)) return false;
  }
  return true;
}

/**
 * `probe` of a token value given as code units (`featurizeTokens`): the same walk, its own copy so
 * that the scan's probe, the hottest loop, has no branch for it (a shared one measured 3–4 % slower).
 */
function probeUnits(slots: usize, mask: u32, start: i32, end: i32, hash: u32): i32 {
  let slot = (hash ^ (hash >>> 15)) & mask;
  while (true) {
    const at = slots + ((<usize>slot) << 3);
    const entry = load<i32>(at, 4);
    if (entry == 0) return -1;
    if (load<u32>(at) == hash && holdsUnits(entry - 1, start, end)) return entry - 1;
    slot = (slot + 1) & mask;
  }
}

function unitsVocabularyId(start: i32, end: i32, hash: u32): i32 {
  const id = probeUnits(frequentSlots, frequentMask, start, end, hash);
  return id >= 0 || !hasRest ? id : probeUnits(restSlots, restMask, start, end, hash);
}

function bucketOf(hash: u32): i32 {
  return ngramOffset + <i32>(ngramPowerOfTwo ? hash & ngramMask : hash % ngramBuckets);
}

function repeatSlot(id: i32): u32 {
  return (<u32>id * GOLDEN) & (<u32>(repeatSlots - 1));
}

function countRepeat(id: i32): void {
  const mask = <u32>(repeatSlots - 1);
  let slot = repeatSlot(id);
  while (load<i32>(repeatStamps + ((<usize>slot) << 2)) == generation) {
    if (load<i32>(repeatIds + ((<usize>slot) << 2)) == id) {
      const at = repeatCounts + ((<usize>slot) << 2);
      store<i32>(at, load<i32>(at) + 1);
      return;
    }
    slot = (slot + 1) & mask;
  }
  store<i32>(repeatStamps + ((<usize>slot) << 2), generation);
  store<i32>(repeatIds + ((<usize>slot) << 2), id);
  store<i32>(repeatCounts + ((<usize>slot) << 2), 2);
  if (++repeatUsed * 2 > repeatSlots) growRepeats();
}

function growRepeats(): void {
  const oldIds = repeatIds;
  const oldCounts = repeatCounts;
  const oldStamps = repeatStamps;
  const oldSlots = repeatSlots;
  repeatSlots = oldSlots << 1;
  repeatIds = allocate(repeatSlots << 2);
  repeatCounts = allocate(repeatSlots << 2);
  repeatStamps = allocate(repeatSlots << 2);
  const mask = <u32>(repeatSlots - 1);
  for (let old = 0; old < oldSlots; old++) {
    if (load<i32>(oldStamps + ((<usize>old) << 2)) != generation) continue;
    const id = load<i32>(oldIds + ((<usize>old) << 2));
    let slot = repeatSlot(id);
    while (load<i32>(repeatStamps + ((<usize>slot) << 2)) == generation) slot = (slot + 1) & mask;
    store<i32>(repeatStamps + ((<usize>slot) << 2), generation);
    store<i32>(repeatIds + ((<usize>slot) << 2), id);
    store<i32>(repeatCounts + ((<usize>slot) << 2), load<i32>(oldCounts + ((<usize>old) << 2)));
  }
}

function repeatCountOf(id: i32): i32 {
  const mask = <u32>(repeatSlots - 1);
  let slot = repeatSlot(id);
  while (load<i32>(repeatStamps + ((<usize>slot) << 2)) == generation) {
    if (load<i32>(repeatIds + ((<usize>slot) << 2)) == id) return load<i32>(repeatCounts + ((<usize>slot) << 2));
    slot = (slot + 1) & mask;
  }
  return 1;
}

/** One occurrence of feature `id`: its bit, and its count when it was seen before. */
function add(id: i32): void {
  const word = (<u32>id) >>> 5;
  const bit: u32 = 1 << ((<u32>id) & 31);
  const at = seenBits + ((<usize>word) << 3);
  const seen = load<u32>(at);
  if ((seen & bit) != 0) {
    store<u32>(at, load<u32>(at, 4) | bit, 4);
    countRepeat(id);
    return;
  }
  store<u32>(at, seen | bit);
  const summaryWord = word >>> 5;
  const summaryAt = summary + ((<usize>summaryWord) << 2);
  const marks = load<u32>(summaryAt);
  if (marks == 0) {
    const topAt = top + ((<usize>(summaryWord >>> 5)) << 2);
    store<u32>(topAt, load<u32>(topAt) | ((<u32>1) << (summaryWord & 31)));
  }
  store<u32>(summaryAt, marks | ((<u32>1) << (word & 31)));
  if (id > highestId) highestId = id;
}

/**
 * Tokenises the text with the tokeniser's ASCII rules (runs of letters and digits joined by `.`
 * `,` `'` between digits, `'` before a letter and `-` before a letter or digit unless split),
 * writing each value in place (lower-cased when asked) and hashing it as it reads it. Each kept
 * token's vocabulary id is added; with bigrams, so is the bucket of the previous kept token, a
 * space and this one, hashed in the same pass. Returns the number of tokens, or `NOT_TAKEN` at the
 * first non-ASCII character that is not neutral (a token ending next to it is then moot).
 */
function scan(length: i32): i32 {
  const table = entries;
  const pairs = ngramMaxN == 2;
  let count: i32 = 0;
  let missing: i32 = 0;
  let previousHash: u32 = 0;
  let position: i32 = 0;
  while (position < length) {
    const first = <u32>load<u8>(text + position);
    if (first >= 0x80) {
      const bytes = neutralLength(position);
      if (bytes == 0) return NOT_TAKEN;
      position += bytes;
      continue;
    }
    if (((<u32>load<u16>(table + ((<usize>first) << 1))) & TYPE_MASK) == 0) {
      position++;
      continue;
    }
    let types: u32 = 0;
    let index = position;
    let hash = FNV1A_OFFSET_BASIS;
    let pair = (previousHash ^ SPACE) * FNV1A_PRIME;
    let code: u32 = 0;
    while (true) {
      while (index < length) {
        code = <u32>load<u8>(text + index);
        const entry = <u32>load<u16>(table + ((<usize>code) << 1));
        if ((entry & TYPE_MASK) == 0) break;
        types |= entry;
        const value = entry >>> TYPE_BITS;
        store<u8>(text + index, <u8>value);
        hash = (hash ^ value) * FNV1A_PRIME;
        pair = (pair ^ value) * FNV1A_PRIME;
        index++;
      }
      if (index + 1 >= length || code >= 0x80) break;
      if (code != APOSTROPHE && code != COMMA && code != HYPHEN && code != FULL_STOP) break;
      const afterDigit = typeAt(index - 1) == DIGIT;
      const nextType = typeAt(index + 1);
      let joins: bool;
      if (code == HYPHEN) joins = !splitHyphens && nextType != 0;
      else if (code == APOSTROPHE)
        joins = (afterDigit && nextType == DIGIT) || (!splitApostrophes && nextType == LETTER);
      else joins = afterDigit && nextType == DIGIT;
      if (!joins) break;
      hash = (hash ^ code) * FNV1A_PRIME;
      pair = (pair ^ code) * FNV1A_PRIME;
      index++;
    }
    const tokenLength = index - position;
    if (((types & LETTER) != 0 || keepNumbers) && tokenLength >= minLength && tokenLength <= maxLength) {
      const at = (<usize>count) << 2;
      store<i32>(tokenStarts + at, position);
      store<i32>(tokenEnds + at, index);
      store<u32>(tokenHashes + at, hash);
      const id = vocabularyId(position, index, hash);
      if (id >= 0) add(id);
      else missing++;
      if (pairs && count > 0) add(bucketOf(pair));
      previousHash = hash;
      count++;
    }
    position = index;
  }
  outOfVocabulary = missing;
  return count;
}

/**
 * With n-grams of more than 2 words, every n-gram (the scans hash bigrams alone), from the text's
 * bytes or, with `fromUnits`, from the token values' code units.
 */
function addLongerNgrams(count: i32, fromUnits: bool): void {
  for (let first = 0; first < count; first++) {
    let hash = load<u32>(tokenHashes + ((<usize>first) << 2));
    const last = min(count, first + ngramMaxN);
    for (let next = first + 1; next < last; next++) {
      hash = (hash ^ SPACE) * FNV1A_PRIME;
      const end = load<i32>(tokenEnds + ((<usize>next) << 2));
      for (let index = load<i32>(tokenStarts + ((<usize>next) << 2)); index < end; index++) {
        hash = (hash ^ (fromUnits ? unitAt(index) : <u32>load<u8>(text + index))) * FNV1A_PRIME;
      }
      add(bucketOf(hash));
    }
  }
}

/** Reads and clears the set bits in id order into `runIds` and `runCounts`; returns how many. */
function readRuns(): i32 {
  let written: i32 = 0;
  if (highestId < 0) return 0;
  const lastTop = (<u32>highestId) >>> 15;
  for (let topWord: u32 = 0; topWord <= lastTop; topWord++) {
    const topAt = top + ((<usize>topWord) << 2);
    let topMarks = load<u32>(topAt);
    if (topMarks == 0) continue;
    store<u32>(topAt, 0);
    while (topMarks != 0) {
      const summaryWord = (topWord << 5) | ctz(topMarks);
      topMarks &= topMarks - 1;
      const summaryAt = summary + ((<usize>summaryWord) << 2);
      let marks = load<u32>(summaryAt);
      store<u32>(summaryAt, 0);
      while (marks != 0) {
        const word = (summaryWord << 5) | ctz(marks);
        marks &= marks - 1;
        const at = seenBits + ((<usize>word) << 3);
        let seen = load<u32>(at);
        const repeated = load<u32>(at, 4);
        store<u64>(at, 0);
        while (seen != 0) {
          const bitIndex = ctz(seen);
          seen &= seen - 1;
          const id = <i32>((word << 5) | bitIndex);
          store<i32>(runIds + ((<usize>written) << 2), id);
          store<i32>(
            runCounts + ((<usize>written) << 2),
            (repeated & ((<u32>1) << bitIndex)) == 0 ? 1 : repeatCountOf(id),
          );
          written++;
        }
      }
    }
  }
  highestId = -1;
  repeatUsed = 0;
  if (++generation >= LAST_GENERATION) {
    memory.fill(repeatStamps, 0, (<usize>repeatSlots) << 2);
    generation = 1;
  }
  return written;
}

function sublinear(count: i32): f64 {
  if (count < SUBLINEAR_TABLE_SIZE) return load<f64>(sublinearTable + ((<usize>count) << 3));
  return 1 + hostLog(<f64>count);
}

/** Weighs the runs into `outIds` and `outValues` as the TypeScript weightings do; returns how many are kept. */
function weigh(runs: i32): i32 {
  if (!tfIdf) {
    let total: f64 = 0;
    for (let run = 0; run < runs; run++) total += <f64>load<i32>(runCounts + ((<usize>run) << 2));
    for (let run = 0; run < runs; run++) {
      store<i32>(outIds + ((<usize>run) << 2), load<i32>(runIds + ((<usize>run) << 2)));
      store<f32>(outValues + ((<usize>run) << 2), <f32>(<f64>load<i32>(runCounts + ((<usize>run) << 2)) / total));
    }
    return runs;
  }
  let squares: f64 = 0;
  for (let run = 0; run < runs; run++) {
    const count = load<i32>(runCounts + ((<usize>run) << 2));
    const idf = <f64>load<f32>(idfs + ((<usize>load<i32>(runIds + ((<usize>run) << 2))) << 2));
    const weight = (sublinearTf ? sublinear(count) : <f64>count) * idf;
    store<f64>(weights + ((<usize>run) << 3), weight);
    squares += weight * weight;
  }
  const scale: f64 = l2Norm && squares > 0 ? 1 / Math.sqrt(squares) : 1;
  let kept: i32 = 0;
  for (let run = 0; run < runs; run++) {
    const weight = load<f64>(weights + ((<usize>run) << 3));
    if (weight == 0) continue;
    store<i32>(outIds + ((<usize>kept) << 2), load<i32>(runIds + ((<usize>run) << 2)));
    store<f32>(outValues + ((<usize>kept) << 2), <f32>(weight * scale));
    kept++;
  }
  return kept;
}

/**
 * Featurizes the UTF-8 text of `length` bytes written at `prepare`'s pointer; returns its number
 * of features, or `NOT_TAKEN` (-1) when the text has a character only the host's rules handle.
 */
export function featurize(length: i32): i32 {
  if (!takes(length)) return NOT_TAKEN;
  const count = scan(length);
  if (count == NOT_TAKEN) {
    readRuns();
    return NOT_TAKEN;
  }
  if (ngramMaxN > 2) addLongerNgrams(count, false);
  tokenTotal = count;
  return weigh(readRuns());
}

/**
 * Featurizes the `count` token values written at `prepareTokens`' pointer (the TypeScript
 * tokeniser's, in order): hashes each value's code units, looks it up, adds its id and its word
 * n-grams as `featurize` does for the tokens it finds; returns the number of features.
 */
export function featurizeTokens(count: i32): i32 {
  const ends = tokenInput;
  tokenUnits = tokenInput + ((<usize>count) << 2);
  const pairs = ngramMaxN == 2;
  let missing: i32 = 0;
  let previousHash: u32 = 0;
  let start: i32 = 0;
  for (let token = 0; token < count; token++) {
    const end = load<i32>(ends + ((<usize>token) << 2));
    let hash = FNV1A_OFFSET_BASIS;
    let pair = (previousHash ^ SPACE) * FNV1A_PRIME;
    for (let index = start; index < end; index++) {
      const unit = unitAt(index);
      hash = (hash ^ unit) * FNV1A_PRIME;
      pair = (pair ^ unit) * FNV1A_PRIME;
    }
    const at = (<usize>token) << 2;
    store<i32>(tokenStarts + at, start);
    store<i32>(tokenEnds + at, end);
    store<u32>(tokenHashes + at, hash);
    const id = unitsVocabularyId(start, end, hash);
    if (id >= 0) add(id);
    else missing++;
    if (pairs && token > 0) add(bucketOf(pair));
    previousHash = hash;
    start = end;
  }
  outOfVocabulary = missing;
  if (ngramMaxN > 2) addLongerNgrams(count, true);
  tokenTotal = count;
  return weigh(readRuns());
}

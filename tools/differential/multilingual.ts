/**
 * Generated text for differential tests of the tokeniser and featurizer: every script and
 * character class the tokenisation rules treat specially, in seeded random mixtures, so that any
 * two of them meet with and without spaces between them.
 */

/** Fragments per kind of text: words of many scripts, emoji sequences, numbers, joins, controls. */
const FRAGMENTS: Readonly<Record<string, readonly string[]>> = {
  latin: [
    'café',
    'cafe\u0301',
    'naïve',
    'Straße',
    'STRASSE',
    'Œuvre',
    'ﬁnance',
    'ｆｕｌｌ',
    'Ångström',
    'İstanbul',
    'ǅemal',
    'Øre',
    'łódź',
    'ŉ',
    'ǰ',
    'ﬀ',
    'Ⅻ',
    'ª',
    'µ',
    'K',
  ],
  greek: ['ΣΟΦΟΣ', 'κόσμος', 'Γειά', 'σου', 'ΐ', 'ς', 'Ϊ́', 'ὈΔΥΣΣΕΎΣ'],
  cyrillic: ['Привет', 'мир', 'ёлка', 'ЁЖ', 'Ѐ', 'й', 'и\u0306'],
  arabic: ['مَرْحَبًا', 'بالعالم', '٣٫١٤', '١٢٣', 'ﷺ', 'ﻻ', 'سلام'],
  hebrew: ['שָׁלוֹם', 'עולם', 'ﬠ', 'בְּרֵאשִׁית'],
  devanagari: ['नमस्ते', 'दुनिया', '१२३', 'क़', 'हिन्दी'],
  thai: ['สวัสดีครับ', 'ภาษาไทย', '๑๒๓'],
  cjk: ['日本語', '中文', '漢字', '〇', '𠀋', '𪚥', '々', '〆'],
  kana: ['ひらがな', 'カタカナ', 'ｶﾀｶﾅ', 'ヴ', 'ゟ', 'ー', 'ゝ'],
  korean: ['한국어', '문장', '가', 'ㄱ', '한글'],
  emoji: [
    '🇫🇷',
    '🇯🇵',
    '🇫',
    '1️⃣',
    '#️⃣',
    '*⃣',
    '1⃣',
    '👨‍👩‍👧',
    '👍🏽',
    '🏴󠁧󠁢󠁥󠁮󠁧󠁿',
    '©️',
    '©',
    '™',
    '‼️',
    '‼',
    '❤',
    '❤️',
    '👩🏽‍💻',
    '🏳️‍🌈',
    '😀',
    '🫠',
    'ℹ',
    '🏻',
    '\u200d',
    '\ufe0f',
    '🇦🇧🇨',
  ],
  numbers: [
    '1,000,000',
    '3.14',
    "1'000",
    '1’000',
    '12.5',
    '1.2.3',
    '2024-11-25',
    '0.5,',
    '.5',
    '5.',
    '1,',
    '²',
    '½',
    '①',
    '𝟙𝟚',
    '٣.١٤',
    '1.٣',
    '٣,1',
    '१.२',
  ],
  joins: [
    "'quoted'",
    "dogs'",
    '-x',
    'x-',
    'e‐mail',
    'non‑breaking',
    "rock'n'roll",
    'o’neil',
    "l'homme",
    'don’t',
    "a'é",
    'a’é',
    'a-é',
    'a‐é',
    "1'a",
    "a'1",
    'a-1',
    '1-a',
    "x''y",
    'x--y',
    'a-\u0301',
    "a'\u0301",
    '-',
    "'",
    '’',
    'state-of-the-art',
    "a'日",
    'a-日',
    'a‐-b',
    'a-‐b',
  ],
  controls: [
    '\u0000',
    '\u0007',
    '\t',
    '\n',
    '\r\n',
    '\u200b',
    '\u00ad',
    '\u200d',
    '\ufeff',
    '\u0085',
    '\u00a0',
    '\u2028',
    '\u202e',
    '\u0301',
    '\u20e3',
    '\ufe0f',
    '\ud800',
    '\udc00',
    '\ud83d',
    '\ude00',
    '\udbff\udfff',
    '\u{e0041}',
    '\u{e007f}',
  ],
  ascii: [
    'Hello',
    'WORLD',
    'mIxEd',
    'a',
    'I',
    'x1',
    '1x',
    'covid19',
    '#',
    '*',
    '#hashtag',
    'a*b',
    'e-mail',
    "don't",
    'U.S.A.',
    'foo_bar',
    'C++',
    'x@y.z',
    'http://example.com/a-b?c=d',
    '$5',
    '100%',
  ],
  long: [
    'a'.repeat(64),
    'b'.repeat(65),
    'x'.repeat(2000),
    '9'.repeat(500),
    'é'.repeat(70),
    '日'.repeat(100),
    `${'ab-'.repeat(30)}ab`,
  ],
};
const SEPARATORS = [
  ' ',
  ' ',
  ' ',
  '',
  '',
  '\n',
  ', ',
  '. ',
  '—',
  '“',
  '”',
  '\u00a0',
  '\u3000',
  '、',
  '。',
  '(',
  ')',
  '/',
  '_',
];
const KINDS = Object.keys(FRAGMENTS);

/** Ranges random code points are drawn from, to meet what no list foresees. */
const RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0x24f],
  [0x300, 0x36f],
  [0x370, 0x52f],
  [0x590, 0x6ff],
  [0x900, 0xe7f],
  [0x1100, 0x11ff],
  [0x1e00, 0x1fff],
  [0x2000, 0x2bff],
  [0x3000, 0x30ff],
  [0x4e00, 0x4fff],
  [0xac00, 0xacff],
  [0xd800, 0xdfff],
  [0xfb00, 0xfdff],
  [0xfe00, 0xffff],
  [0x1d400, 0x1d7ff],
  [0x1f1e6, 0x1f1ff],
  [0x1f300, 0x1faff],
  [0x20000, 0x200ff],
  [0xe0020, 0xe007f],
];

/** mulberry32: a small seeded generator, so the texts are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function randomCodePoints(random: () => number, count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) {
    const [low, high] = pick(random, RANGES);
    text += String.fromCharCode(...codeUnits(low + Math.floor(random() * (high - low + 1))));
  }
  return text;
}

function codeUnits(codePoint: number): number[] {
  if (codePoint < 0x10000) return [codePoint];
  const offset = codePoint - 0x10000;
  return [0xd800 + (offset >> 10), 0xdc00 + (offset & 0x3ff)];
}

/**
 * `count` texts of mixed scripts, emoji, numbers, joins, controls, long runs and random code
 * points, each about `length` UTF-16 code units, the same for the same seed.
 */
export function multilingualTexts(count: number, length = 400, seed = 13): string[] {
  const random = seeded(seed);
  const texts: string[] = [];
  for (let t = 0; t < count; t++) {
    const focus = pick(random, KINDS);
    let text = '';
    while (text.length < length) {
      const roll = random();
      if (roll < 0.08) text += randomCodePoints(random, 1 + Math.floor(random() * 6));
      else text += pick(random, FRAGMENTS[roll < 0.5 ? focus : pick(random, KINDS)] ?? []);
      text += pick(random, SEPARATORS);
    }
    texts.push(text);
  }
  return texts;
}

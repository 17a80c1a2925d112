import { describe, expect, it } from 'vitest';
import { parseSentenceOptions, splitSentences } from './sentences.js';

const texts = (input: string, lineBreaks?: 'paragraph' | 'line' | 'ignore') =>
  splitSentences(input, parseSentenceOptions(lineBreaks ? { lineBreaks } : {})).map((s) => s.text);

describe('splitSentences', () => {
  it('splits on terminal punctuation', () => {
    expect(texts('It rains. Does it? Yes! Fine')).toEqual(['It rains.', 'Does it?', 'Yes!', 'Fine']);
  });

  it('keeps abbreviations, initials and decimals inside a sentence', () => {
    expect(texts('Dr. Smith paid 3.14 euros, e.g. in Paris. J. K. Rowling agreed. Mrs. Jones did not.')).toEqual([
      'Dr. Smith paid 3.14 euros, e.g. in Paris.',
      'J. K. Rowling agreed.',
      'Mrs. Jones did not.',
    ]);
    expect(texts('Sie kam z.B. mit Prof. Meier. Er nicht.')).toEqual(['Sie kam z.B. mit Prof. Meier.', 'Er nicht.']);
  });

  it('keeps number abbreviations before a number and splits them before a word', () => {
    expect(texts('See No. 5 and p. 12 here. He loves art. Then he left.')).toEqual([
      'See No. 5 and p. 12 here.',
      'He loves art.',
      'Then he left.',
    ]);
  });

  it('keeps a German ordinal before a month', () => {
    expect(texts('Am 5. März 2024 war es kalt. Er kam um 10. Dann ging er.')).toEqual([
      'Am 5. März 2024 war es kalt.',
      'Er kam um 10.',
      'Dann ging er.',
    ]);
  });

  it('splits after an ellipsis before a capital but not before a lower-case word', () => {
    expect(texts('Wait... what was that? I waited… Then he came. Hmm... Okay.')).toEqual([
      'Wait... what was that?',
      'I waited…',
      'Then he came.',
      'Hmm...',
      'Okay.',
    ]);
  });

  it('keeps closing quotes and brackets with their sentence', () => {
    expect(texts('He said "Go home." Then he left. (This is it.) «Oui.» Next.')).toEqual([
      'He said "Go home."',
      'Then he left.',
      '(This is it.)',
      '«Oui.»',
      'Next.',
    ]);
    expect(texts('"Really?" she asked. \'Yes.\' OK.')).toEqual(['"Really?" she asked.', "'Yes.'", 'OK.']);
    expect(texts('¿Qué hora es? ¡Las tres! Bien.')).toEqual(['¿Qué hora es?', '¡Las tres!', 'Bien.']);
  });

  it('splits scripts without spaces and other scripts', () => {
    expect(texts('今日は晴れ。明日は雨！本当？はい')).toEqual(['今日は晴れ。', '明日は雨！', '本当？', 'はい']);
    expect(texts('Привет. Как дела? Хорошо.')).toEqual(['Привет.', 'Как дела?', 'Хорошо.']);
    expect(texts('مرحبا؟ نعم.')).toEqual(['مرحبا؟', 'نعم.']);
    expect(texts('यह एक वाक्य है। यह दूसरा है।')).toEqual(['यह एक वाक्य है।', 'यह दूसरा है।']);
  });

  it('handles line breaks as configured', () => {
    const input = 'Subject line\nstill going\n\nNew paragraph';
    expect(texts(input)).toEqual(['Subject line\nstill going', 'New paragraph']);
    expect(texts(input, 'line')).toEqual(['Subject line', 'still going', 'New paragraph']);
    expect(texts(input, 'ignore')).toEqual([input]);
    expect(texts('a\r\n\r\nb\fc\u2029d')).toEqual(['a', 'b', 'c', 'd']);
    expect(texts('a\r\nb')).toEqual(['a\r\nb']);
  });

  it('returns trimmed spans into the input', () => {
    const input = '  First one.   Second one!  \n\n  Third  ';
    const sentences = splitSentences(input);
    expect(sentences.map((s) => [s.start, s.end])).toEqual([
      [2, 12],
      [15, 26],
      [32, 37],
    ]);
    for (const sentence of sentences) expect(input.slice(sentence.start, sentence.end)).toBe(sentence.text);
  });

  it('returns nothing for empty or blank input', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\t ')).toEqual([]);
  });

  it('handles terminators alone and emoji', () => {
    expect(texts('...')).toEqual(['...']);
    expect(texts('Great 👍🏽. Love it 😀! Yes')).toEqual(['Great 👍🏽.', 'Love it 😀!', 'Yes']);
  });

  it('splits a very long text in one pass', () => {
    const sentences = splitSentences('This is one sentence. '.repeat(50_000));
    expect(sentences).toHaveLength(50_000);
    expect(sentences.at(-1)).toEqual({ text: 'This is one sentence.', start: 22 * 49_999, end: 22 * 50_000 - 1 });
  });

  it('rejects unknown options', () => {
    expect(() => parseSentenceOptions({ lineBreaks: 'never' } as never)).toThrow();
  });
});

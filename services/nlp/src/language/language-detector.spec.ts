import { readFileSync } from 'node:fs';
import { eld } from 'eld/extrasmall';
import { beforeAll, describe, expect, it } from 'vitest';
import { ELD_LANGUAGES } from './eld-languages.js';
import { languageSample, loadLanguageDetector, type LanguageDetector } from './language-detector.js';

/** 24 everyday sentences in each of 10 languages, written for this test (see wiki/nlp.md). */
const fixture = JSON.parse(
  readFileSync(new URL('../../test/fixtures/language-sentences.json', import.meta.url), 'utf8'),
) as Record<string, string[]>;

function accuracy(detector: LanguageDetector, shorten: (sentence: string) => string): Record<string, number> {
  const perLanguage: Record<string, number> = {};
  let correct = 0;
  let total = 0;
  for (const [language, sentences] of Object.entries(fixture)) {
    const hits = sentences.filter((sentence) => detector.detect(shorten(sentence)).language === language).length;
    perLanguage[language] = hits / sentences.length;
    correct += hits;
    total += sentences.length;
  }
  return { ...perLanguage, overall: correct / total };
}

describe('language detector (eld, extra-small database)', () => {
  let detector: LanguageDetector;

  beforeAll(async () => {
    detector = await loadLanguageDetector({ database: 'extrasmall', minLetters: 3 });
  });

  it('has 24 sentences per language in its fixture', () => {
    expect(Object.keys(fixture)).toHaveLength(10);
    for (const sentences of Object.values(fixture)) expect(sentences).toHaveLength(24);
  });

  it('detects whole sentences of the fixture (measured: 239 of 240)', () => {
    const result = accuracy(detector, (sentence) => sentence);
    expect(result.overall).toBeGreaterThanOrEqual(0.99);
    for (const [language, value] of Object.entries(result)) expect(value, language).toBeGreaterThanOrEqual(0.95);
  });

  it('detects the first three words of each sentence (measured: 225 of 240)', () => {
    const result = accuracy(detector, (sentence) => sentence.split(/\s+/).slice(0, 3).join(' '));
    expect(result.overall).toBeGreaterThanOrEqual(0.93);
  });

  it('reads non-Latin scripts', () => {
    const samples: Record<string, string> = {
      ja: '今日は良い天気ですね',
      zh: '这是一个用于测试的中文句子',
      el: 'Η συνάντηση μεταφέρθηκε την Πέμπτη',
      he: 'הפגישה נדחתה ליום חמישי',
      ar: 'تم تأجيل الاجتماع إلى يوم الخميس',
      hi: 'बैठक गुरुवार दोपहर तक के लिए टाल दी गई है',
      ko: '회의가 목요일 오후로 연기되었습니다',
      uk: 'Зустріч перенесли на четвер після обіду',
    };
    for (const [language, text] of Object.entries(samples)) expect(detector.detect(text).language, text).toBe(language);
  });

  it('answers und with confidence 0 for empty, short or letterless text', () => {
    for (const text of ['', '  ', 'ok', 'Hi', '12345', '😀😀😀', '$ 5.00', 'https://example.com/path a@b.co 42']) {
      expect(detector.detect(text)).toEqual({
        language: 'und',
        iso6393: 'und',
        name: 'Undetermined',
        confidence: 0,
        reliable: false,
        alternatives: [],
      });
    }
  });

  it('gives codes, a confidence in [0, 1] and ranked alternatives', () => {
    const result = detector.detect('Gracias por su rápida respuesta, nos vemos el lunes.');
    expect(result).toMatchObject({ language: 'es', iso6393: 'spa', name: 'Spanish', reliable: true });
    expect(result.confidence).toBeGreaterThan(0.5);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(result.alternatives.length).toBeLessThanOrEqual(3);
    const scores = result.alternatives.map((a) => a.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores.every((score) => score <= result.confidence)).toBe(true);
  });

  it('halves the confidence of an unreliable guess', () => {
    const result = detector.detect('Hello world');
    expect(result.language).not.toBe('und');
    if (!result.reliable) expect(result.confidence).toBeLessThan(0.5);
  });

  it('looks at the beginning of a long text without URLs, addresses and numbers', () => {
    const text = `See https://example.com/a?b=1 and mail x@example.com 12345 ${'Die Preise sind seit Jahresbeginn stark gestiegen. '.repeat(20_000)}`;
    expect(languageSample(text).startsWith('See and mail Die Preise')).toBe(true);
    expect(languageSample(text).length).toBeLessThanOrEqual(4000);
    expect(detector.detect(text).language).toBe('de');
  });

  it('is deterministic', () => {
    const text = 'Vielen Dank für Ihre schnelle Antwort.';
    expect(detector.detect(text)).toEqual(detector.detect(text));
  });

  it('knows the ISO 639-3 code and name of every language eld detects', () => {
    for (const language of Object.values(eld.info().Languages)) expect(ELD_LANGUAGES[language], language).toBeDefined();
  });
});

import type {
  NlpEntitiesResponse,
  NlpKeywordsResponse,
  NlpLanguageResponse,
  NlpNormalizeResponse,
  NlpTaggersResponse,
  NlpTokenizeResponse,
  Problem,
} from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import {
  checkHttpSurface,
  createTestEnvironment,
  type TestEnvironment,
  testKeyVerifier,
  withTestKey,
} from '@mlops/testing';
import { TOKENIZER_VERSION } from '@mlops/text';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadNlpConfig } from '../src/config.js';

const POST_ROUTES = ['/v1/language', '/v1/normalize', '/v1/tokenize', '/v1/entities', '/v1/keywords'] as const;

describe('nlp API', () => {
  let environment: TestEnvironment;
  let app: HttpApp;

  beforeAll(async () => {
    environment = await createTestEnvironment('nlp api');
    app = withTestKey(
      await buildApp(
        loadNlpConfig({
          ...environment.env,
          NLP_MAX_TEXT_CHARS: '1000',
          NLP_MAX_BATCH: '8',
          NLP_MAX_TOTAL_CHARS: '3000',
        }),
        { keyVerifier: testKeyVerifier },
      ),
    );
  });

  afterAll(async () => {
    await app.close();
    await environment.dispose();
  });

  async function post<T>(url: string, payload: unknown, status = 200): Promise<T> {
    const response = await app.inject({ method: 'POST', url, payload: payload as object });
    expect(response.statusCode, response.body).toBe(status);
    return response.json<T>();
  }

  async function problem(url: string, payload: unknown, status: number): Promise<Problem> {
    const response = await app.inject({ method: 'POST', url, payload: payload as object });
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    return response.json<Problem>();
  }

  const pointers = (p: Problem) => (p.errors ?? []).map((e) => e.pointer);

  it('keeps the common HTTP surface and documents every route', async () => {
    expect(await checkHttpSurface(app)).toEqual([]);
    const openapi = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining([...POST_ROUTES, '/v1/taggers']));
  });

  describe('POST /v1/language', () => {
    it('detects languages, and answers und for texts too short to tell', async () => {
      const body = await post<NlpLanguageResponse>('/v1/language', {
        texts: [
          'The meeting has been moved to Thursday afternoon.',
          'Veuillez trouver ci-joint la facture du mois dernier.',
          'Die Preise sind seit Jahresbeginn stark gestiegen.',
          '今日は良い天気ですね',
          '',
          'ok',
          '12345 😀 https://example.com',
        ],
      });
      expect(body.detector).toEqual({ name: 'eld', database: 'extrasmall' });
      expect(body.items.map((item) => [item.language, item.iso6393])).toEqual([
        ['en', 'eng'],
        ['fr', 'fra'],
        ['de', 'deu'],
        ['ja', 'jpn'],
        ['und', 'und'],
        ['und', 'und'],
        ['und', 'und'],
      ]);
      const [english] = body.items;
      expect(english?.name).toBe('English');
      expect(english?.reliable).toBe(true);
      expect(english?.confidence).toBeGreaterThan(0.5);
      expect(english?.alternatives.length).toBeGreaterThan(0);
      expect(body.items[4]).toMatchObject({ confidence: 0, reliable: false, alternatives: [] });
    });
  });

  describe('POST /v1/normalize', () => {
    it('normalises with defaults and echoes the options applied', async () => {
      const body = await post<NlpNormalizeResponse>('/v1/normalize', {
        texts: ['  Ｈｅｌｌｏ\u00a0 ﬁne\u200b world  '],
      });
      expect(body.items).toEqual([{ text: 'Hello fine world' }]);
      expect(body.options).toEqual({
        form: 'NFKC',
        whitespace: 'collapse',
        caseFold: false,
        stripAccents: false,
        removeControls: true,
      });
    });

    it('folds case and strips accents on request', async () => {
      const body = await post<NlpNormalizeResponse>('/v1/normalize', {
        texts: ['Crème BRÛLÉE\n\nStraße', ''],
        options: { caseFold: true, stripAccents: true, whitespace: 'lines' },
      });
      expect(body.items).toEqual([{ text: 'creme brulee\n\nstrasse' }, { text: '' }]);
    });
  });

  describe('POST /v1/tokenize', () => {
    it('returns sentences and tokens with spans into each text and the tokeniser spec', async () => {
      const text = "Dr. Smith paid 3.14 €. Don't worry 👍🏽! 日本";
      const body = await post<NlpTokenizeResponse>('/v1/tokenize', { texts: [text] });
      expect(body.tokenizer.version).toBe(TOKENIZER_VERSION);
      expect(body.tokenizer.options).toMatchObject({ lowercase: true, minLength: 1, maxLength: 64 });
      const [item] = body.items;
      expect(item?.sentences.map((s) => s.text)).toEqual(['Dr. Smith paid 3.14 €.', "Don't worry 👍🏽!", '日本']);
      expect(item?.tokens.map((t) => t.text)).toEqual([
        'dr',
        'smith',
        'paid',
        '3.14',
        "don't",
        'worry',
        '👍🏽',
        '日',
        '本',
      ]);
      for (const sentence of item?.sentences ?? [])
        expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
      for (const token of item?.tokens ?? []) {
        expect(text.slice(token.start, token.end).toLowerCase()).toBe(token.text);
      }
    });

    it('applies tokeniser and sentence options', async () => {
      const body = await post<NlpTokenizeResponse>('/v1/tokenize', {
        texts: ['State-of-the-art in 2024\nnext line'],
        options: { splitHyphens: true, keepNumbers: false, lowercase: false },
        sentences: { lineBreaks: 'line' },
      });
      expect(body.items[0]?.tokens.map((t) => t.text)).toEqual(['State', 'of', 'the', 'art', 'in', 'next', 'line']);
      expect(body.items[0]?.sentences.map((s) => s.text)).toEqual(['State-of-the-art in 2024', 'next line']);
    });
  });

  describe('POST /v1/entities and GET /v1/taggers', () => {
    const invoice =
      'Invoice of 05/03/2024: pay €1.234,56 (+20% VAT) to DE89 3704 0044 0532 0130 00. Questions: billing@example.com, 01 23 45 67 89 or https://example.com/help.';

    it('runs every tagger by default and returns spans and normalised values', async () => {
      const body = await post<NlpEntitiesResponse>('/v1/entities', { texts: [invoice, 'nothing here'] });
      expect(body.taggers).toEqual(['email', 'url', 'phone', 'date', 'money', 'iban', 'percentage']);
      expect(body.items[0]?.hits.map((h) => [h.tagger, h.value])).toEqual([
        ['date', '2024-03-05'],
        ['money', { amount: 1234.56, currency: 'EUR' }],
        ['percentage', 20],
        ['iban', 'DE89370400440532013000'],
        ['email', 'billing@example.com'],
        ['phone', '0123456789'],
        ['url', 'https://example.com/help'],
      ]);
      for (const hit of body.items[0]?.hits ?? []) expect(invoice.slice(hit.start, hit.end)).toBe(hit.text);
      expect(body.items[1]).toEqual({ hits: [] });
    });

    it('runs only the named taggers, with the declared date order and phone region', async () => {
      const body = await post<NlpEntitiesResponse>('/v1/entities', {
        texts: [invoice],
        taggers: ['phone', 'date', 'phone'],
        options: { dateOrder: 'mdy', phoneRegion: 'FR' },
      });
      expect(body.taggers).toEqual(['phone', 'date']);
      expect(body.items[0]?.hits.map((h) => [h.tagger, h.value])).toEqual([
        ['date', '2024-05-03'],
        ['phone', '+33123456789'],
      ]);
    });

    it('answers 400 naming each unknown tagger', async () => {
      const p = await problem('/v1/entities', { texts: ['x'], taggers: ['email', 'ssn', 'iban', 'vat'] }, 400);
      expect(p.code).toBe('NLP_UNKNOWN_TAGGER');
      expect(pointers(p)).toEqual(['/body/taggers/1', '/body/taggers/3']);
      expect(p.detail).toContain('known taggers: email, url');
    });

    it('lists the registry with examples', async () => {
      const response = await app.inject({ method: 'GET', url: '/v1/taggers' });
      expect(response.statusCode).toBe(200);
      const body = response.json<NlpTaggersResponse>();
      expect(body.taggers.map((t) => t.name)).toEqual(['email', 'url', 'phone', 'date', 'money', 'iban', 'percentage']);
      for (const tagger of body.taggers) {
        expect(tagger.description).not.toBe('');
        expect(tagger.examples.length).toBeGreaterThan(0);
      }
    });
  });

  describe('POST /v1/keywords', () => {
    it('ranks terms across a set of texts and gives basic statistics', async () => {
      const body = await post<NlpKeywordsResponse>('/v1/keywords', {
        texts: [
          'The cheap pills are cheap. Buy cheap pills now!',
          'The meeting about the budget is on Monday.',
          'The budget meeting moved to Tuesday.',
        ],
        top: 3,
      });
      expect(body.documents).toBe(3);
      expect(body.items).toHaveLength(3);
      expect(body.items[0]?.terms.map((t) => t.term)).toEqual(['cheap', 'pills', 'buy']);
      expect(body.items[0]?.stats).toEqual({ tokens: 9, types: 6, typeTokenRatio: 0.666667 });
      expect(body.terms).toHaveLength(3);
      expect(body.terms.map((t) => t.term)).toContain('cheap');
      expect(body.terms.find((t) => t.term === 'cheap')).toMatchObject({ tf: 3, df: 1 });
      expect(body.stats.tokens).toBe(9 + 8 + 6);
    });

    it('keeps stop words when asked', async () => {
      const body = await post<NlpKeywordsResponse>('/v1/keywords', {
        texts: ['the the the model'],
        stopwords: 'none',
        top: 1,
      });
      expect(body.terms).toEqual([{ term: 'the', tf: 3, df: 1, score: 0.75 }]);
    });
  });

  describe('bad input', () => {
    it.each([
      ['/v1/language', {}, ['/body/texts']],
      ['/v1/language', { texts: [] }, ['/body/texts']],
      ['/v1/language', { texts: 'one text' }, ['/body/texts']],
      ['/v1/language', { texts: ['ok', 3] }, ['/body/texts/1']],
      ['/v1/language', { texts: ['ok'], lang: 'en' }, ['/body/lang']],
      ['/v1/normalize', { texts: ['x'], options: { form: 'NFD' } }, ['/body/options/form']],
      ['/v1/normalize', { texts: ['x'], options: { lowercase: true } }, ['/body/options/lowercase']],
      ['/v1/tokenize', { texts: ['x'], options: { minLength: 5, maxLength: 2 } }, ['/body/options/maxLength']],
      ['/v1/tokenize', { texts: ['x'], sentences: { lineBreaks: 'never' } }, ['/body/sentences/lineBreaks']],
      ['/v1/entities', { texts: ['x'], taggers: [] }, ['/body/taggers']],
      ['/v1/entities', { texts: ['x'], taggers: ['Email!'] }, ['/body/taggers/0']],
      ['/v1/entities', { texts: ['x'], options: { dateOrder: 'ymd' } }, ['/body/options/dateOrder']],
      ['/v1/entities', { texts: ['x'], options: { phoneRegion: 'XX' } }, ['/body/options/phoneRegion']],
      ['/v1/keywords', { texts: ['x'], top: 0 }, ['/body/top']],
      ['/v1/keywords', { texts: ['x'], stopwords: 'fr' }, ['/body/stopwords']],
      ['/v1/keywords', { texts: ['x'], tokenizer: { keepNumbers: 'no' } }, ['/body/tokenizer/keepNumbers']],
    ])('%s rejects %j with 400 naming %j', async (url, payload, expected) => {
      const p = await problem(url, payload, 400);
      expect(p.code).toBe('HTTP_VALIDATION_FAILED');
      expect(pointers(p)).toEqual(expected);
    });

    it('answers 400 for a malformed JSON body', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/tokenize',
        headers: { 'content-type': 'application/json' },
        payload: '{"texts": [',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json<Problem>().code).toBe('HTTP_MALFORMED_BODY');
    });

    it.each(POST_ROUTES)('%s answers 413 naming NLP_MAX_BATCH', async (url) => {
      const p = await problem(url, { texts: 'abcdefghi'.split('') }, 413);
      expect(p.code).toBe('NLP_BATCH_TOO_LARGE');
      expect(p.detail).toContain('NLP_MAX_BATCH');
      expect(pointers(p)).toEqual(['/body/texts']);
    });

    it.each(POST_ROUTES)('%s answers 413 naming NLP_MAX_TEXT_CHARS and the text', async (url) => {
      const p = await problem(url, { texts: ['fine', 'x'.repeat(1001), 'fine', 'y'.repeat(2000)] }, 413);
      expect(p.code).toBe('NLP_TEXT_TOO_LONG');
      expect(p.detail).toContain('NLP_MAX_TEXT_CHARS');
      expect(pointers(p)).toEqual(['/body/texts/1', '/body/texts/3']);
    });

    it.each(POST_ROUTES)('%s answers 413 naming NLP_MAX_TOTAL_CHARS', async (url) => {
      const p = await problem(url, { texts: ['x'.repeat(1000), 'x'.repeat(1000), 'x'.repeat(1000), 'x'] }, 413);
      expect(p.code).toBe('NLP_REQUEST_TOO_LARGE');
      expect(p.detail).toContain('NLP_MAX_TOTAL_CHARS');
    });

    it('still accepts texts right at the limits', async () => {
      const body = await post<NlpTokenizeResponse>('/v1/tokenize', {
        texts: ['x'.repeat(1000), 'y'.repeat(1000), 'z'.repeat(993), 'a b', 'c', 'd', 'e', 'f'],
        options: { maxLength: 1000 },
      });
      expect(body.items).toHaveLength(8);
      expect(body.items[0]?.tokens).toHaveLength(1);
    });
  });
});

import { z } from 'zod';

/**
 * Contracts of the nlp service. Offsets (`start`, `end`) are UTF-16 code units of the submitted
 * text, end exclusive: `text.slice(start, end)` in JavaScript.
 *
 * The option objects of `@mlops/text` (normalisation, sentences, tokeniser) are defined here,
 * once: the library uses these schemas, so the API and the code that runs cannot drift apart.
 */

const offset = z.number().int().min(0);
const count = z.number().int().min(0);

/** Texts of one request; their number and lengths are capped by the service's limits (413 beyond). */
export const nlpTextsSchema = z.array(z.string()).min(1).describe('texts to analyse, in order');

// ------------------------------------------- options of @mlops/text (defined here once; libs/text uses them)

export const nlpNormalizeOptionsSchema = z.strictObject({
  form: z
    .enum(['NFKC', 'NFC', 'none'])
    .default('NFKC')
    .describe('Unicode normalisation form: NFKC folds compatibility characters (ﬁ → fi, full-width → ASCII)'),
  whitespace: z
    .enum(['collapse', 'lines', 'keep'])
    .default('collapse')
    .describe(
      'collapse: every whitespace run becomes one space; lines: runs with a line break become one newline, runs with a blank line two; keep: unchanged. collapse and lines trim the ends',
    ),
  caseFold: z.boolean().default(false).describe('full case folding (Straße → strasse)'),
  stripAccents: z.boolean().default(false).describe('remove Latin, Greek and Cyrillic accents (café → cafe)'),
  removeControls: z
    .boolean()
    .default(true)
    .describe('drop control characters and invisible format characters (soft hyphen, zero-width space, BOM, bidi)'),
});

export const nlpSentenceOptionsSchema = z.strictObject({
  lineBreaks: z
    .enum(['paragraph', 'line', 'ignore'])
    .default('paragraph')
    .describe('paragraph: a blank line ends a sentence; line: every line break does; ignore: only punctuation does'),
});

export const nlpTokenizerOptionsSchema = z
  .strictObject({
    lowercase: z.boolean().default(true).describe('case-fold token values (Straße → strasse)'),
    foldAccents: z.boolean().default(false).describe('strip Latin, Greek and Cyrillic accents from token values'),
    minLength: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(1)
      .describe('drop tokens shorter than this, in code points of the value'),
    maxLength: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(64)
      .describe('drop tokens longer than this, in code points of the value'),
    keepNumbers: z.boolean().default(true).describe('keep tokens without any letter (2024, 3.14, 1,000)'),
    keepEmoji: z.boolean().default(true).describe('keep emoji tokens (one per emoji sequence)'),
    splitApostrophes: z.boolean().default(false).describe("split at apostrophes: don't → don, t; l'homme → l, homme"),
    splitHyphens: z.boolean().default(false).describe('split at hyphens: state-of-the-art → state, of, the, art'),
  })
  .refine((options) => options.minLength <= options.maxLength, {
    message: 'maxLength must be at least minLength',
    path: ['maxLength'],
  });

// ---------------------------------------------------------------- POST /v1/language

export const nlpLanguageRequestSchema = z.strictObject({ texts: nlpTextsSchema });

const languageCodes = {
  language: z.string().describe('ISO 639-1 code, or `und` when undetermined'),
  iso6393: z.string().describe('ISO 639-3 code, or `und` when undetermined'),
};

export const nlpLanguageResultSchema = z.object({
  ...languageCodes,
  name: z.string().describe('English name of the language'),
  confidence: z.number().min(0).max(1).describe('0 for `und`; halved when the detector marks the guess unreliable'),
  reliable: z.boolean(),
  alternatives: z
    .array(z.object({ ...languageCodes, score: z.number().min(0).max(1) }))
    .describe('next best languages, best first'),
});
export type NlpLanguageResult = z.infer<typeof nlpLanguageResultSchema>;

export const nlpLanguageResponseSchema = z.object({
  detector: z.object({ name: z.string(), database: z.string() }),
  items: z.array(nlpLanguageResultSchema).describe('one per text, in order'),
});
export type NlpLanguageResponse = z.infer<typeof nlpLanguageResponseSchema>;

// ---------------------------------------------------------------- POST /v1/normalize

export const nlpNormalizeRequestSchema = z.strictObject({
  texts: nlpTextsSchema,
  options: nlpNormalizeOptionsSchema.prefault({}),
});

export const nlpNormalizeResponseSchema = z.object({
  options: nlpNormalizeOptionsSchema.describe('the options applied, defaults filled in'),
  items: z.array(z.object({ text: z.string() })).describe('one per text, in order'),
});
export type NlpNormalizeResponse = z.infer<typeof nlpNormalizeResponseSchema>;

// ---------------------------------------------------------------- POST /v1/tokenize

export const nlpTokenizeRequestSchema = z.strictObject({
  texts: nlpTextsSchema,
  options: nlpTokenizerOptionsSchema.prefault({}),
  sentences: nlpSentenceOptionsSchema.prefault({}),
});

export const nlpTokenSchema = z.object({
  text: z.string().describe('token value: NFKC, then case-folded and accent-stripped as the options say'),
  start: offset,
  end: offset,
  kind: z.enum(['word', 'number', 'emoji']),
});

export const nlpSentenceSchema = z.object({ text: z.string(), start: offset, end: offset });

export const nlpTokenizerSpecSchema = z.object({
  version: z.string().describe('TOKENIZER_VERSION of @mlops/text'),
  options: nlpTokenizerOptionsSchema,
});

export const nlpTokenizeResponseSchema = z.object({
  tokenizer: nlpTokenizerSpecSchema.describe('store this with features to tokenise identically later'),
  items: z
    .array(z.object({ sentences: z.array(nlpSentenceSchema), tokens: z.array(nlpTokenSchema) }))
    .describe('one per text, in order'),
});
export type NlpTokenizeResponse = z.infer<typeof nlpTokenizeResponseSchema>;

// ---------------------------------------------------------------- POST /v1/entities, GET /v1/taggers

/** Regions whose national phone formats the phone tagger can turn into E.164. */
export const nlpPhoneRegionSchema = z.enum([
  'AT',
  'AU',
  'BE',
  'BR',
  'CA',
  'CH',
  'DE',
  'ES',
  'FR',
  'GB',
  'IE',
  'IN',
  'IT',
  'JP',
  'NL',
  'PL',
  'PT',
  'SE',
  'US',
]);

export const nlpTaggerOptionsSchema = z.strictObject({
  dateOrder: z
    .enum(['dmy', 'mdy'])
    .default('dmy')
    .describe('order of day and month in numeric dates: dmy reads 05/03/2024 as 5 March, mdy as May 3'),
  phoneRegion: nlpPhoneRegionSchema
    .optional()
    .describe('region of national phone numbers (01 23 45 67 89); without it they are returned as national digits'),
});

const taggerName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and -');

export const nlpEntitiesRequestSchema = z.strictObject({
  texts: nlpTextsSchema,
  taggers: z.array(taggerName).min(1).max(64).optional().describe('taggers to run (default: all, see GET /v1/taggers)'),
  options: nlpTaggerOptionsSchema.prefault({}),
});

export const nlpMoneyValueSchema = z.object({
  amount: z.number(),
  currency: z.string().length(3).describe('ISO 4217 code'),
});

/** Normalised value of a hit: a string (e-mail, URL, E.164 phone, ISO date, IBAN), a number (percentage) or money. */
export const nlpHitValueSchema = z.union([z.string(), z.number(), nlpMoneyValueSchema]);

export const nlpHitSchema = z.object({
  tagger: z.string(),
  start: offset,
  end: offset,
  text: z.string().describe('the matched text, `input.slice(start, end)`'),
  value: nlpHitValueSchema,
});

export const nlpEntitiesResponseSchema = z.object({
  taggers: z.array(z.string()).describe('the taggers that ran'),
  items: z
    .array(z.object({ hits: z.array(nlpHitSchema).describe('ordered by start, then tagger') }))
    .describe('one per text, in order'),
});
export type NlpEntitiesResponse = z.infer<typeof nlpEntitiesResponseSchema>;

export const nlpTaggersResponseSchema = z.object({
  taggers: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      examples: z.array(z.object({ text: z.string(), value: nlpHitValueSchema })),
    }),
  ),
});
export type NlpTaggersResponse = z.infer<typeof nlpTaggersResponseSchema>;

// ---------------------------------------------------------------- POST /v1/keywords

export const nlpKeywordsRequestSchema = z.strictObject({
  texts: nlpTextsSchema,
  top: z.number().int().min(1).max(1000).default(20).describe('terms to return, overall and per text'),
  stopwords: z.enum(['en', 'none']).default('en').describe('stop words left out of the terms (not of the counts)'),
  tokenizer: nlpTokenizerOptionsSchema
    .prefault({ minLength: 2, keepNumbers: false, keepEmoji: false })
    .describe('tokeniser options; default: lower case, at least 2 characters, no numbers, no emoji'),
});

export const nlpTextStatsSchema = z.object({
  tokens: count,
  types: count.describe('distinct token values'),
  typeTokenRatio: z.number().min(0).max(1).describe('types / tokens, 0 for no tokens'),
});

export const nlpKeywordTermSchema = z.object({
  term: z.string(),
  tf: count.describe('occurrences in the text (per text) or in all texts (overall)'),
  df: count.describe('texts containing the term'),
  score: z.number().min(0).describe('TF-IDF: relative frequency × smoothed idf; overall: mean over texts'),
});

export const nlpKeywordsResponseSchema = z.object({
  documents: count,
  stats: nlpTextStatsSchema,
  terms: z.array(nlpKeywordTermSchema).describe('top terms of the whole set, best first'),
  items: z
    .array(z.object({ stats: nlpTextStatsSchema, terms: z.array(nlpKeywordTermSchema) }))
    .describe('one per text, in order: its statistics and top terms'),
});
export type NlpKeywordsResponse = z.infer<typeof nlpKeywordsResponseSchema>;

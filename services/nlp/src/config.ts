import { env, loadConfig, serviceEnvShape, serviceSection } from '@mlops/config';
import { z } from 'zod';

const schema = z
  .object({
    ...serviceEnvShape,
    PORT: env.port(4003),
    HTTP_BODY_LIMIT_BYTES: env.positiveInt(16 * 1024 * 1024),
    NLP_MAX_TEXT_CHARS: env.positiveInt(1_000_000),
    NLP_MAX_BATCH: env.positiveInt(1000),
    NLP_MAX_TOTAL_CHARS: env.positiveInt(5_000_000),
    NLP_LANGUAGE_DATABASE: z.enum(['extrasmall', 'small', 'medium', 'large']).default('extrasmall'),
    NLP_LANGUAGE_MIN_LETTERS: z.coerce.number().int().min(1).default(3),
  })
  .transform((e) => ({
    ...serviceSection('nlp', e),
    limits: {
      /** Longest text, in UTF-16 code units (JavaScript string length). */
      maxTextChars: e.NLP_MAX_TEXT_CHARS,
      /** Most texts in one request. */
      maxBatch: e.NLP_MAX_BATCH,
      /** Most characters of all texts of one request together. */
      maxTotalChars: e.NLP_MAX_TOTAL_CHARS,
    },
    language: {
      /** Size of eld's n-gram database: larger is slower to load and uses more memory. */
      database: e.NLP_LANGUAGE_DATABASE,
      /** Texts with fewer letters than this are `und`. */
      minLetters: e.NLP_LANGUAGE_MIN_LETTERS,
    },
  }));

export type NlpConfig = z.output<typeof schema>;
export type NlpLimits = NlpConfig['limits'];

/** Parses nlp's environment once into its frozen config. */
export function loadNlpConfig(source: Record<string, string | undefined> = process.env): Readonly<NlpConfig> {
  return loadConfig(schema, source);
}

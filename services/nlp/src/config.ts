import { availableParallelism } from 'node:os';
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
    NLP_WORKERS: env.positiveInt(availableParallelism()),
    NLP_QUEUE_LIMIT: z.coerce.number().int().min(0).default(16),
    NLP_TIMEOUT_MS: env.positiveInt(30_000),
    NLP_WORKER_MEMORY_MB: env.positiveInt(512),
    NLP_RETRY_AFTER_SECONDS: env.positiveInt(2),
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
    workers: {
      /** Worker threads the texts are processed on (default: the CPU count). */
      size: e.NLP_WORKERS,
      /** Requests that may wait for a worker; more are answered 503 with Retry-After. */
      queueLimit: e.NLP_QUEUE_LIMIT,
      /** Hard deadline of one request's work; past it the worker is terminated and 422 NLP_TIMEOUT answered. */
      timeoutMs: e.NLP_TIMEOUT_MS,
      /** Heap of each worker; a request needing more is answered 422 NLP_MEMORY_LIMIT. */
      memoryLimitMb: e.NLP_WORKER_MEMORY_MB,
      /** Retry-After of a 503 when every worker and queue place is taken. */
      retryAfterSeconds: e.NLP_RETRY_AFTER_SECONDS,
    },
  }));

export type NlpConfig = z.output<typeof schema>;
export type NlpLimits = NlpConfig['limits'];

/** Parses nlp's environment once into its frozen config. */
export function loadNlpConfig(source: Record<string, string | undefined> = process.env): Readonly<NlpConfig> {
  return loadConfig(schema, source);
}

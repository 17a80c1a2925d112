import { describe, expect, it } from 'vitest';
import { loadNlpConfig } from './config.js';

describe('nlp config', () => {
  it('has defaults for every limit', () => {
    const config = loadNlpConfig({});
    expect(config.limits).toEqual({ maxTextChars: 1_000_000, maxBatch: 1000, maxTotalChars: 5_000_000 });
    expect(config.language).toEqual({ database: 'extrasmall', minLetters: 3 });
    expect(config.http.bodyLimitBytes).toBe(16 * 1024 * 1024);
    expect(config.http.port).toBe(4003);
  });

  it('reads the limits from the environment', () => {
    const config = loadNlpConfig({ NLP_MAX_TEXT_CHARS: '10', NLP_MAX_BATCH: '2', NLP_LANGUAGE_DATABASE: 'large' });
    expect(config.limits).toMatchObject({ maxTextChars: 10, maxBatch: 2 });
    expect(config.language.database).toBe('large');
  });

  it('fails naming the bad variable', () => {
    expect(() => loadNlpConfig({ NLP_MAX_BATCH: '0' })).toThrow(/NLP_MAX_BATCH/);
    expect(() => loadNlpConfig({ NLP_LANGUAGE_DATABASE: 'huge' })).toThrow(/NLP_LANGUAGE_DATABASE/);
  });

  it('sizes the worker pool from the CPU count unless told, with a deadline and a heap limit', () => {
    expect(loadNlpConfig({}).workers).toMatchObject({ queueLimit: 16, timeoutMs: 30_000, memoryLimitMb: 512 });
    expect(loadNlpConfig({}).workers.size).toBeGreaterThan(0);
    expect(loadNlpConfig({ NLP_WORKERS: '3', NLP_QUEUE_LIMIT: '0' }).workers).toMatchObject({ size: 3, queueLimit: 0 });
    expect(() => loadNlpConfig({ NLP_WORKERS: '0' })).toThrow(/NLP_WORKERS/);
  });
});

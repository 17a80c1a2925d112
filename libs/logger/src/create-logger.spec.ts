import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, jobLogger } from './create-logger.js';
import { redactUrl } from './redaction.js';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('writes JSON lines with service, level label and ISO time', () => {
    const out = capture();
    createLogger({ service: 'demo', destination: out.stream }).info({ a: 1 }, 'hello');
    const [line] = out.lines();
    expect(line).toMatchObject({ service: 'demo', level: 'info', msg: 'hello', a: 1 });
    expect(String(line?.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('redacts authorization headers, api keys, tokens and passwords', () => {
    const out = capture();
    const logger = createLogger({ service: 'demo', destination: out.stream });
    logger.info({
      req: { headers: { authorization: 'Bearer s3cret', cookie: 'sid=1', 'x-api-key': 'k' } },
      apiKey: 'key-1',
      config: { password: 'pw', token: 't', keep: 'visible' },
    });
    const text = JSON.stringify(out.lines()[0]);
    for (const secret of ['s3cret', 'sid=1', '"k"', 'key-1', '"pw"', '"t"']) expect(text).not.toContain(secret);
    expect(text).toContain('visible');
    expect(text).toContain('[redacted]');
  });

  it('stamps job and message ids on child loggers', () => {
    const out = capture();
    const root = createLogger({ service: 'demo', destination: out.stream });
    jobLogger(root, 'job-1', 'msg-1').info('b');
    jobLogger(root, 'job-2').info('c');
    const [b, c] = out.lines();
    expect(b).toMatchObject({ jobId: 'job-1', messageId: 'msg-1' });
    expect(c).toMatchObject({ jobId: 'job-2' });
    expect(c).not.toHaveProperty('messageId');
  });

  it('respects the level', () => {
    const out = capture();
    createLogger({ service: 'demo', level: 'warn', destination: out.stream }).info('hidden');
    expect(out.lines()).toEqual([]);
  });
});

describe('redactUrl', () => {
  it('hides the password of connection URLs', () => {
    expect(redactUrl('amqp://user:pa55@host:5672/vh')).toBe('amqp://user:***@host:5672/vh');
    expect(redactUrl('mongodb://127.0.0.1:27017')).toBe('mongodb://127.0.0.1:27017');
  });
});

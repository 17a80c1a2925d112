import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';
import { redactUrl, scrubSecrets } from './redaction.js';

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  return { stream, text: () => chunks.join('') };
}

const KEY = 'mlk_ab12cd34_Zx9Yw8Vv7Uu6Tt5Ss4Rr3Qq2';

describe('redactUrl', () => {
  it.each([
    ['amqp://user:pa55@host:5672/vh', 'amqp://user:***@host:5672/vh'],
    ['mongodb://admin@db.example:27017/x', 'mongodb://***@db.example:27017/x'],
    ['mongodb+srv://u:p%40ss@cluster/x?retryWrites=true', 'mongodb+srv://u:***@cluster/x?retryWrites=true'],
    ['amqps://guest@broker/', 'amqps://***@broker/'],
    ['http://h/x?apiKey=abc&keep=1&password=pw', 'http://h/x?apiKey=***&keep=1&password=***'],
    ['mongodb://127.0.0.1:27017', 'mongodb://127.0.0.1:27017'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});

describe('scrubSecrets', () => {
  it('hides API keys and bearer credentials inside free text', () => {
    const out = scrubSecrets(`auth failed for Bearer ${KEY} (key ${KEY}) Basic dXNlcjpwdw==`);
    expect(out).not.toContain('Zx9Yw8');
    expect(out).not.toContain('dXNlcjpwdw');
    expect(out).toContain('Bearer [redacted]');
  });

  it.each([
    ['POST /v1/models/topics/predict', 'POST /v1/models/topics/predict'],
    ['request completed', 'request completed'],
    ['see BEARER abc.def and basic Zm9v', 'see BEARER [redacted] and basic [redacted]'],
    ['key mlk_ab12_secret here', 'key mlk_[redacted] here'],
    ['/v1/x;token=abc', '/v1/x;token=***'],
    ['amqp://guest:pw@127.0.0.1', 'amqp://guest:***@127.0.0.1'],
  ])('scrubs %s as %s (strings without a candidate pass untouched)', (value, expected) => {
    expect(scrubSecrets(value)).toBe(expected);
  });
});

describe('the real logger', () => {
  it('never writes keys, authorization headers, URL credentials or document text', () => {
    const out = capture();
    const logger = createLogger({ service: 'demo', destination: out.stream });
    logger.info({ req: { headers: { authorization: `Bearer ${KEY}` } } }, 'incoming');
    logger.warn({ url: 'mongodb://onlyuser@db:27017/app' }, 'connect failed');
    logger.warn({ target: 'amqp://svc:hunter2@rabbit:5672/' }, 'lost amqp://svc:hunter2@rabbit:5672/');
    logger.info({ caller: { keyPrefix: 'ab12cd34' }, note: `used ${KEY}` }, `message with ${KEY}`);
    logger.info({ document: { id: 'd1', text: 'CONFIDENTIAL MEMO' }, text: 'CONFIDENTIAL MEMO' }, 'parsed');
    logger.info({ nested: { deeper: { list: [`x ${KEY}`] } } }, 'list');
    logger.error({ err: new Error(`cannot reach mongodb://root:toor@db/x with ${KEY}`) }, 'boom');
    logger.error(new Error('connect ECONNREFUSED amqp://bob:s3cr3t@10.0.0.1'));
    logger.info('formatted %s', `Bearer ${KEY}`);
    const text = out.text();
    for (const secret of ['Zx9Yw8', 'hunter2', 'onlyuser', 'CONFIDENTIAL', 'toor', 's3cr3t']) {
      expect(text).not.toContain(secret);
    }
    expect(text.split('\n').filter(Boolean)).toHaveLength(9);
    expect(text).toContain('ab12cd34');
    expect(text).toContain('"id":"d1"');
    expect(text).toContain('mlk_[redacted]');
  });
});

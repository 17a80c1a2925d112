import { AppError } from '@mlops/http';
import { localUpstreams, type UpstreamHandler } from '@mlops/testing';
import { describe, expect, it } from 'vitest';
import { GotenbergConverter } from './gotenberg-converter.js';

const upstream = localUpstreams();

/** A stand-in for gotenberg on loopback, answering what `handler` says once the upload is read. */
async function gotenberg(handler: UpstreamHandler): Promise<string> {
  const { baseUrl } = await upstream(handler);
  return `${baseUrl}/`;
}

async function failureOf(converter: GotenbergConverter, signal = new AbortController().signal): Promise<unknown> {
  return converter.toPdf(Buffer.from('office bytes'), 'odt', signal).then(
    () => undefined,
    (caught: unknown) => caught,
  );
}

describe('GotenbergConverter', () => {
  it('uploads the file as the part `files` named by its extension and returns the PDF', async () => {
    let seen: { url: string | undefined; method: string | undefined; type: string; body: string } | undefined;
    const baseUrl = await gotenberg((request, response) => {
      seen = {
        url: request.url,
        method: request.method,
        type: request.headers['content-type'] ?? '',
        body: request.body().toString(),
      };
      response.writeHead(200, { 'content-type': 'application/pdf' });
      response.end('%PDF-1.7 converted');
    });
    const pdf = await new GotenbergConverter(baseUrl, 5000).toPdf(
      Buffer.from('office bytes'),
      'odt',
      new AbortController().signal,
    );
    expect(pdf.toString()).toBe('%PDF-1.7 converted');
    expect(seen).toMatchObject({ url: '/forms/libreoffice/convert', method: 'POST' });
    expect(seen?.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen?.body).toContain('name="files"; filename="document.odt"');
    expect(seen?.body).toContain('office bytes');
  });

  it('reads a 4xx as a file it cannot convert (422) and a 5xx as its own failure (502)', async () => {
    const refused = await gotenberg((_request, response) => {
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end('Invalid form data: no form file found');
    });
    expect(await failureOf(new GotenbergConverter(refused, 5000))).toMatchObject({
      statusCode: 422,
      code: 'RECOGNITION_CONVERSION_FAILED',
      message: 'gotenberg could not convert the file (400): Invalid form data: no form file found',
    });
    const failing = await gotenberg((_request, response) => {
      response.writeHead(503, { 'content-type': 'text/plain' });
      response.end('Service Unavailable');
    });
    expect(await failureOf(new GotenbergConverter(failing, 5000))).toMatchObject({
      statusCode: 502,
      code: 'RECOGNITION_CONVERTER_FAILED',
      message: 'gotenberg answered 503: Service Unavailable',
    });
  });

  it('answers 502 when gotenberg is down or its answer breaks off', async () => {
    const down = await failureOf(new GotenbergConverter('http://127.0.0.1:9', 5000));
    expect(down).toMatchObject({ statusCode: 502, code: 'RECOGNITION_CONVERTER_FAILED' });
    const brokenOff = await gotenberg((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/pdf', 'content-length': '1000' });
      response.write('%PDF-1.7');
      setTimeout(() => response.destroy(), 20);
    });
    expect(await failureOf(new GotenbergConverter(brokenOff, 5000))).toMatchObject({
      statusCode: 502,
      code: 'RECOGNITION_CONVERTER_FAILED',
    });
  });

  it('stops with the reason of the extraction deadline when it aborts', async () => {
    const baseUrl = await gotenberg(() => undefined);
    const controller = new AbortController();
    const deadline = new AppError('RECOGNITION_TIMEOUT', 422, 'Extraction took too long');
    setTimeout(() => controller.abort(deadline), 50);
    expect(await failureOf(new GotenbergConverter(baseUrl, 5000), controller.signal)).toBe(deadline);
  });
});

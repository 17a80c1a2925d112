import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { PredictDocumentResponse, PredictResponse, Problem, RecognitionResult } from '@mlops/contracts';
import { createTestEnvironment, multipartBody, type FormPart, type TestEnvironment, bearer } from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InferenceApp } from '../src/app.js';
import type { PredictionEvent } from '../src/serving/prediction-events.js';

import { startRecognition, type RecognitionProcess } from './documents/recognition-process.js';
import { textPdf } from './documents/text-pdf.js';
import { trainTopicModel } from './support/train-topic-model.js';
import { ServedTopics } from './support/served-topics.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/documents/', import.meta.url));
const MAX_DOCUMENT_BYTES = 64 * 1024;
const MAX_TEXT_CHARS = 2000;

const invoicePdf = textPdf([
  'Please pay the invoice to the bank account today.',
  'The amount is due on monday; the transfer needs your IBAN.',
]);
const flightNote = Buffer.from(
  'The flight to the airport leaves from gate 4; your hotel booking and train ticket follow.\n',
);

describe('POST /v1/models/{name}/predict-document against the real document-recognition', () => {
  let environment: TestEnvironment;
  let served: ServedTopics;
  let recognition: RecognitionProcess;
  let inference: InferenceApp;
  /** The app listening on loopback, for uploads over a real socket. */
  let base: string;
  const events: PredictionEvent[] = [];

  const upload = (parts: readonly FormPart[], url = '/v1/models/topics/predict-document') =>
    inference.app.inject({ method: 'POST', url, ...multipartBody(parts) });
  const uploadRaw = (bytes: Buffer, query = '', name = 'topics') =>
    inference.app.inject({
      method: 'POST',
      url: `/v1/models/${name}/predict-document${query}`,
      headers: { 'content-type': 'application/octet-stream', authorization: bearer() },
      payload: bytes,
    });
  /** What document-recognition itself extracts from the file, asked directly. */
  const extracted = async (bytes: Buffer, filename: string): Promise<RecognitionResult> => {
    const response = await fetch(`${recognition.url}/v1/extract?filename=${encodeURIComponent(filename)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', authorization: bearer() },
      body: bytes,
    });
    expect(response.status).toBe(200);
    return (await response.json()) as RecognitionResult;
  };
  const predictText = async (text: string, topK?: number): Promise<PredictResponse> => {
    const response = await inference.app.inject({
      method: 'POST',
      url: '/v1/models/topics/predict',
      payload: { texts: [text], ...(topK === undefined ? {} : { topK }) },
    });
    expect(response.statusCode).toBe(200);
    return response.json<PredictResponse>();
  };
  const expectProblem = (
    response: { statusCode: number; headers: Record<string, unknown>; json: () => unknown },
    status: number,
    code: string,
    pointer?: string,
  ): Problem => {
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json() as Problem;
    expect(problem.code).toBe(code);
    if (pointer !== undefined) expect(problem.errors?.map((error) => error.pointer)).toContain(pointer);
    return problem;
  };

  /** The document answer, checked against `/predict` on the text document-recognition extracts. */
  const expectSameAsPredict = async (
    answer: PredictDocumentResponse,
    bytes: Buffer,
    filename: string,
    topK?: number,
  ): Promise<RecognitionResult> => {
    const reference = await extracted(bytes, filename);
    const direct = await predictText(reference.text, topK);
    const [documentPrediction] = answer.predictions;
    const [directPrediction] = direct.predictions;
    expect(answer).toMatchObject({ model: 'topics', version: direct.version, route: 'production' });
    expect(answer.predictions).toHaveLength(1);
    expect(documentPrediction?.label).toBe(directPrediction?.label);
    expect(documentPrediction?.probabilities.map((entry) => entry.label)).toEqual(
      directPrediction?.probabilities.map((entry) => entry.label),
    );
    documentPrediction?.probabilities.forEach((entry, index) =>
      expect(entry.p).toBeCloseTo(directPrediction?.probabilities[index]?.p ?? NaN, 6),
    );
    expect(answer.document).toEqual({
      sha256: reference.sha256,
      type: { kind: reference.type.kind, mime: reference.type.mime },
      pageCount: reference.pageCount,
      method: reference.method,
      scanned: reference.scanned,
      characters: reference.text.length,
      warnings: reference.warnings,
    });
    return reference;
  };

  beforeAll(async () => {
    environment = await createTestEnvironment('inference predict-document');
    const [model, started] = await Promise.all([trainTopicModel(1), startRecognition()]);
    recognition = started;
    served = await ServedTopics.start(environment, [model]);
    inference = await served.build(
      {
        RECOGNITION_URL: recognition.url,
        MAX_DOCUMENT_BYTES: String(MAX_DOCUMENT_BYTES),
        MAX_TEXT_CHARS: String(MAX_TEXT_CHARS),
      },
      { predictionListeners: [(event) => events.push(event)] },
    );
    await inference.models.syncAll();
    base = await inference.app.listen({ host: '127.0.0.1', port: 0 });
  }, 120_000);

  afterAll(async () => {
    await served.close();
    await recognition.stop();
    await environment.dispose();
  });

  it('classifies a PDF uploaded as multipart like /predict classifies its extracted text', async () => {
    const response = await upload([{ filename: 'invoice.pdf', contentType: 'application/pdf', bytes: invoicePdf }]);
    expect(response.statusCode).toBe(200);
    const answer = response.json<PredictDocumentResponse>();
    const reference = await expectSameAsPredict(answer, invoicePdf, 'invoice.pdf');
    expect(reference.text).toContain('Please pay the invoice');
    expect(answer.document).toMatchObject({
      type: { kind: 'pdf' },
      pageCount: 1,
      method: 'text-layer',
      scanned: false,
    });
    expect(answer.predictions[0]?.label).toBe('finance');
    const event = events.find((candidate) => candidate.ids[0] === answer.predictions[0]?.id);
    expect(event).toMatchObject({ model: 'topics', version: 1, role: 'production', texts: [reference.text] });
  });

  it('classifies a raw text body named by ?filename=, with topK', async () => {
    const response = await uploadRaw(flightNote, '?filename=note.txt&topK=2');
    expect(response.statusCode).toBe(200);
    const answer = response.json<PredictDocumentResponse>();
    await expectSameAsPredict(answer, flightNote, 'note.txt', 2);
    expect(answer.predictions[0]?.probabilities).toHaveLength(2);
    expect(answer.predictions[0]?.label).toBe('travel');
    expect(answer.document).toMatchObject({ type: { kind: 'text' }, method: 'plain' });
  });

  it('classifies an e-mail (.eml) by its body', async () => {
    const eml = await readFile(join(fixtures, 'message.eml'));
    const response = await upload([{ filename: 'message.eml', contentType: 'message/rfc822', bytes: eml }]);
    expect(response.statusCode).toBe(200);
    const answer = response.json<PredictDocumentResponse>();
    const reference = await expectSameAsPredict(answer, eml, 'message.eml');
    expect(reference.text).toContain('Harbour Road');
    expect(answer.document).toMatchObject({ type: { kind: 'email' }, method: 'email' });
  });

  it('streams uploads over a real socket, and refuses one over the limit mid-stream with 413', async () => {
    const form = new FormData();
    form.append('file', new Blob([invoicePdf], { type: 'application/pdf' }), 'invoice.pdf');
    const response = await fetch(`${base}/v1/models/topics/predict-document`, {
      method: 'POST',
      body: form,
      headers: { authorization: bearer() },
    });
    expect(response.status).toBe(200);
    await expectSameAsPredict((await response.json()) as PredictDocumentResponse, invoicePdf, 'invoice.pdf');
    const large = new FormData();
    large.append('file', new Blob([Buffer.alloc(4 * MAX_DOCUMENT_BYTES, 'a')]), 'large.txt');
    const refused = await fetch(`${base}/v1/models/topics/predict-document`, {
      method: 'POST',
      body: large,
      headers: { authorization: bearer() },
    });
    expect(refused.status).toBe(413);
    // The rest of the upload is never read: the connection is closed, or it would stay open for good.
    expect(refused.headers.get('connection')).toBe('close');
    const chunked = await fetch(`${base}/v1/models/topics/predict-document?filename=large.txt`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', authorization: bearer() },
      body: Readable.toWeb(Readable.from([Buffer.alloc(MAX_DOCUMENT_BYTES, 'a'), Buffer.from('b')])) as ReadableStream,
      duplex: 'half',
    });
    expect(chunked.status).toBe(413);
    expect(await chunked.json()).toMatchObject({ code: 'INFERENCE_DOCUMENT_TOO_LARGE' });
    expect(await refused.json()).toMatchObject({ code: 'INFERENCE_DOCUMENT_TOO_LARGE' });
  });

  it('refuses a request without a file, or with the file under another name, with 400 naming the field', async () => {
    const noFile = await upload([{ field: 'comment', bytes: Buffer.from('hello') }]);
    expectProblem(noFile, 400, 'INFERENCE_DOCUMENT_MISSING', '/body/file');
    const json = await inference.app.inject({
      method: 'POST',
      url: '/v1/models/topics/predict-document',
      payload: { texts: ['a'] },
    });
    expectProblem(json, 400, 'INFERENCE_DOCUMENT_MISSING', '/body/file');
    const noBody = await inference.app.inject({ method: 'POST', url: '/v1/models/topics/predict-document' });
    expectProblem(noBody, 400, 'INFERENCE_DOCUMENT_MISSING', '/body/file');
    const wrongField = await upload([{ field: 'document', filename: 'note.txt', bytes: flightNote }]);
    expectProblem(wrongField, 400, 'INFERENCE_DOCUMENT_MISSING', '/body/document');
    const badQuery = await uploadRaw(flightNote, '?topK=0');
    expectProblem(badQuery, 400, 'HTTP_VALIDATION_FAILED', '/querystring/topK');
  });

  it("passes on document-recognition's refusal of a file as 415 or 422 naming /body/file", async () => {
    const random = await readFile(join(fixtures, 'bad/random-bytes.pdf'));
    const unsupported = expectProblem(
      await upload([{ filename: 'random.pdf', bytes: random }]),
      415,
      'INFERENCE_DOCUMENT_UNSUPPORTED',
      '/body/file',
    );
    expect(unsupported.detail).toContain('RECOGNITION_UNSUPPORTED_TYPE');
    expect(unsupported.detail).toContain('random.pdf');
    const corrupt = await readFile(join(fixtures, 'bad/garbage-after-header.pdf'));
    const unreadable = expectProblem(
      await uploadRaw(corrupt, '?filename=corrupt.pdf'),
      422,
      'INFERENCE_DOCUMENT_UNREADABLE',
      '/body/file',
    );
    expect(unreadable.detail).toContain('RECOGNITION_CORRUPT');
    expectProblem(await uploadRaw(Buffer.alloc(0)), 422, 'INFERENCE_DOCUMENT_UNREADABLE', '/body/file');
  });

  it('refuses a file without text (422) or with more text than MAX_TEXT_CHARS (413), naming /body/file', async () => {
    const blank = expectProblem(
      await upload([{ filename: 'blank.pdf', bytes: textPdf([]) }]),
      422,
      'INFERENCE_DOCUMENT_NO_TEXT',
      '/body/file',
    );
    expect(blank.detail).toContain('blank.pdf');
    expectProblem(await uploadRaw(Buffer.from(' \n\n  \n'), '?filename=empty.txt'), 422, 'INFERENCE_DOCUMENT_NO_TEXT');
    const long = Buffer.from('the invoice is due today '.repeat(100));
    const tooLong = expectProblem(await uploadRaw(long), 413, 'INFERENCE_TEXT_TOO_LONG', '/body/file');
    expect(tooLong.detail).toContain(String(MAX_TEXT_CHARS));
  });

  it('refuses a file over MAX_DOCUMENT_BYTES with 413 naming the limit, raw or multipart', async () => {
    const large = Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 'a');
    const raw = expectProblem(await uploadRaw(large), 413, 'INFERENCE_DOCUMENT_TOO_LARGE', '/body/file');
    expect(raw.detail).toContain(`${MAX_DOCUMENT_BYTES} bytes`);
    const streamed = expectProblem(
      await upload([{ filename: 'large.txt', bytes: large }]),
      413,
      'INFERENCE_DOCUMENT_TOO_LARGE',
      '/body/file',
    );
    expect(streamed.detail).toContain('MAX_DOCUMENT_BYTES');
    // Exactly at the limit, the file passes on to document-recognition: its text is what is too long.
    const atLimit = await upload([{ filename: 'at-limit.txt', bytes: Buffer.alloc(MAX_DOCUMENT_BYTES, 'a') }]);
    expectProblem(atLimit, 413, 'INFERENCE_TEXT_TOO_LONG', '/body/file');
  });

  it('refuses an unknown model (404) or a topK above the labels (400) before sending the file anywhere', async () => {
    const random = await readFile(join(fixtures, 'bad/random-bytes.pdf'));
    // Had the file gone to document-recognition first, these would be its 415.
    expectProblem(await uploadRaw(random, '', 'nope'), 404, 'INFERENCE_MODEL_NOT_FOUND');
    expectProblem(
      await upload([{ filename: 'random.pdf', bytes: random }], '/v1/models/nope/predict-document'),
      404,
      'INFERENCE_MODEL_NOT_FOUND',
    );
    expectProblem(await uploadRaw(random, '?topK=4'), 400, 'INFERENCE_TOP_K_TOO_LARGE', '/querystring/topK');
  });

  it('answers 502, not 500, when document-recognition is unreachable', async () => {
    await recognition.stop();
    const response = await upload([{ filename: 'invoice.pdf', bytes: invoicePdf }]);
    const problem = expectProblem(response, 502, 'INFERENCE_RECOGNITION_UNAVAILABLE');
    expect(problem.detail).toContain('document-recognition unreachable');
    expectProblem(await uploadRaw(flightNote), 502, 'INFERENCE_RECOGNITION_UNAVAILABLE');
    const overSocket = await fetch(`${base}/v1/models/topics/predict-document?filename=note.txt`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', authorization: bearer() },
      body: flightNote,
    });
    expect(overSocket.status).toBe(502);
    expect(await overSocket.json()).toMatchObject({ code: 'INFERENCE_RECOGNITION_UNAVAILABLE' });
  });
});

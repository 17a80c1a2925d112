import { startLocalUpstream, type LocalUpstream } from '@mlops/testing';

/** What a stand-in answers to one request: a status and a JSON body. */
export interface StandInAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** One request a stand-in received. */
export interface StandInCall {
  readonly path: string;
  readonly body: string;
  readonly requestId: string | undefined;
}

/**
 * A scripted stand-in for document-recognition and nlp over real HTTP on loopback: `answer`
 * decides each reply from the request, so tests can refuse files, time out or break a contract.
 */
export class UpstreamStandIn {
  readonly calls: StandInCall[] = [];
  #upstream: LocalUpstream | undefined;

  constructor(private readonly answer: (call: StandInCall, previous: readonly StandInCall[]) => StandInAnswer) {}

  /** Starts listening; returns the base URL. */
  async start(): Promise<string> {
    this.#upstream = await startLocalUpstream((request, response) => {
      const header = request.headers['x-request-id'];
      const call = {
        path: request.url,
        body: request.body().toString('utf8'),
        requestId: typeof header === 'string' ? header : undefined,
      };
      const previous = [...this.calls];
      this.calls.push(call);
      const { status, body: answer } = this.answer(call, previous);
      const type = status >= 400 ? 'application/problem+json' : 'application/json';
      response.writeHead(status, { 'content-type': type });
      response.end(JSON.stringify(answer));
    });
    return this.#upstream.baseUrl;
  }

  /** Stops listening. */
  async stop(): Promise<void> {
    await this.#upstream?.close();
  }
}

/** A problem+json body as the suite's services answer it. */
export function problem(status: number, code: string, detail: string): StandInAnswer {
  return { status, body: { type: 'about:blank', title: code, status, code, detail } };
}

/** A valid `POST /v1/extract` answer for a plain-text file. */
export function extracted(text: string): StandInAnswer {
  const features = {
    charCount: text.length,
    wordCount: 1,
    lineCount: 1,
    blockCount: 1,
    textCoverage: null,
    imageRatio: null,
    meanOcrConfidence: null,
    scanned: false,
  };
  return {
    status: 200,
    body: {
      type: { kind: 'text', mime: 'text/plain', extension: 'txt' },
      declared: { filename: null, mime: null },
      bytes: text.length,
      sha256: '0'.repeat(64),
      method: 'plain',
      scanned: false,
      pageCount: 1,
      text,
      pages: [{ number: 1, text, source: 'native', size: null, features }],
      metadata: {
        title: null,
        author: null,
        subject: null,
        keywords: null,
        creator: null,
        producer: null,
        language: null,
        createdAt: null,
        modifiedAt: null,
      },
      email: null,
      warnings: [],
      durationMs: 1,
    },
  };
}

/** A valid `POST /v1/language` answer: English for every text. */
export function english(texts: number): StandInAnswer {
  const item = { language: 'en', iso6393: 'eng', name: 'English', confidence: 0.9, reliable: true, alternatives: [] };
  return { status: 200, body: { detector: { name: 'stand-in', database: 'none' }, items: Array(texts).fill(item) } };
}

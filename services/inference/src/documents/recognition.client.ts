import type { Readable } from 'node:stream';
import { createServiceClient, type ServiceClient, type UpstreamError } from '@mlops/clients';
import { recognitionRoutes, type RecognitionResult } from '@mlops/contracts';

/** document-recognition, as inference calls it (`POST /v1/extract`). */
export type RecognitionClient = ServiceClient<typeof recognitionRoutes>;

/** Where document-recognition is and how long one extraction may take, the upload included. */
export interface RecognitionClientOptions {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** inference's own key (scope ingest). */
  readonly apiKey?: string | undefined;
}

/** A typed client of document-recognition. */
export function createRecognitionClient(options: RecognitionClientOptions): RecognitionClient {
  return createServiceClient(recognitionRoutes, { ...options, userAgent: 'mlops-inference' });
}

/**
 * Why an extraction failed: document-recognition refused the file (a 4xx: the file is the
 * problem), could not answer (down, 5xx, an unexpected body), or took too long.
 */
export type RecognitionFailure =
  | { readonly kind: 'refused'; readonly status: number; readonly code: string; readonly detail: string }
  | { readonly kind: 'unavailable'; readonly detail: string }
  | { readonly kind: 'timeout'; readonly detail: string };

/** What a failed call to document-recognition means for the file sent. */
export function recognitionFailureOf(error: UpstreamError): RecognitionFailure {
  const { kind, status, code, detail } = error;
  if (kind === 'timeout') return { kind, detail };
  if (kind === 'refused') return { kind, status: status ?? 400, code, detail };
  const answered = status !== undefined && !code.startsWith('UPSTREAM_');
  return { kind, detail: answered ? `document-recognition answered ${status} ${code}: ${detail}` : detail };
}

/** What an extraction is sent besides the bytes. */
export interface ExtractOptions {
  readonly filename: string | null;
  /** Bytes sent at most; more fails the call with ByteLimitExceededError before document-recognition sees the end. */
  readonly maxBytes: number;
  readonly requestId?: string;
}

/**
 * Streams a file to `POST /v1/extract` as a raw body (nothing buffered here) and returns the
 * validated result. Throws UpstreamError (see `recognitionFailureOf`), or ByteLimitExceededError
 * past `maxBytes`; the content is destroyed when the call fails.
 */
export async function extractText(
  recognition: RecognitionClient,
  content: Readable,
  options: ExtractOptions,
): Promise<RecognitionResult> {
  try {
    return await recognition.extract(
      {
        query: options.filename === null ? {} : { filename: options.filename },
        upload: { files: { content }, encoding: 'raw' },
      },
      { maxUploadBytes: options.maxBytes, ...(options.requestId ? { requestId: options.requestId } : {}) },
    );
  } catch (error) {
    content.destroy();
    throw error;
  }
}

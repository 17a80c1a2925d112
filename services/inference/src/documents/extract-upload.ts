import { PassThrough } from 'node:stream';
import { ByteLimitExceededError, UpstreamError } from '@mlops/clients';
import type { PredictedDocument, RecognitionResult } from '@mlops/contracts';
import { documentTooLarge, recognitionProblem } from './document-problems.js';
import type { DocumentUpload } from './document-upload.js';
import { extractText, recognitionFailureOf, type RecognitionClient } from './recognition.client.js';

/**
 * Streams an upload to document-recognition, cut at `maxBytes`, and returns what it extracted.
 * On a failure the upload is left unread where it stopped (the route closes the connection).
 * Every failure leaves as a problem: 413 over the limit, the file's own problem when
 * document-recognition refuses it, 502 or 504 when it is down or too slow.
 */
export async function extractUpload(
  recognition: RecognitionClient,
  upload: DocumentUpload,
  options: { readonly maxBytes: number; readonly requestId?: string },
): Promise<RecognitionResult> {
  const relay = new PassThrough();
  // Not pipeline(): the content may be the request itself, and destroying it would drop the answer.
  upload.content.on('error', (error) => relay.destroy(error));
  upload.content.once('close', () => {
    if (!upload.content.readableEnded) relay.destroy(new Error('the upload stopped before its end'));
  });
  upload.content.pipe(relay);
  try {
    return await extractText(recognition, relay, { ...options, filename: upload.filename });
  } catch (error) {
    upload.content.unpipe(relay);
    if (error instanceof ByteLimitExceededError) throw documentTooLarge(options.maxBytes);
    if (error instanceof UpstreamError) throw recognitionProblem(recognitionFailureOf(error), upload.filename);
    throw error;
  }
}

/** What the answer tells about the document: how it was read, not its text. */
export function describeDocument(result: RecognitionResult): PredictedDocument {
  return {
    sha256: result.sha256,
    type: { kind: result.type.kind, mime: result.type.mime },
    pageCount: result.pageCount,
    method: result.method,
    scanned: result.scanned,
    characters: result.text.length,
    warnings: result.warnings,
  };
}

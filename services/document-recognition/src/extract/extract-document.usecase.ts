import { createHash } from 'node:crypto';
import type { RecognitionResult, RecognizedPage } from '@mlops/contracts';
import type { RecognitionLimits } from '../config.js';
import { extractEmail } from '../email/extract-email.js';
import { isCodedError, recognitionErrors } from '../errors.js';
import { extractImage } from '../images/extract-image.js';
import { OcrEngineError } from '../ocr/ocr-pool.js';
import { extractDocx } from '../office/extract-docx.js';
import type { OfficeConverter } from '../office/converter.js';
import { assertZipWithinLimits, isZip } from '../office/zip-limits.js';
import { extractPdf } from '../pdf/extract-pdf.js';
import { extractPlain } from '../plain/extract-plain.js';
import { declaredTypeWarnings, type DeclaredType } from '../sniffing/declared-type.js';
import { sniffType, type SniffedType } from '../sniffing/sniff-type.js';
import type { Extraction, ExtractionContext, ExtractionLogger, OcrEngine } from './extraction.js';

/** The long-lived parts extraction uses. */
export interface ExtractDeps {
  readonly limits: RecognitionLimits;
  readonly ocr: OcrEngine;
  readonly converter: OfficeConverter;
  readonly logger: ExtractionLogger;
}

/** One file to extract: its bytes and what the client said it was. */
export interface ExtractInput {
  readonly bytes: Buffer;
  readonly declared: DeclaredType;
}

function officeExtension(sniffed: SniffedType, declared: DeclaredType): string {
  const extension = /\.([A-Za-z0-9]{1,10})$/.exec(declared.filename ?? '')?.[1]?.toLowerCase();
  return extension !== undefined && sniffed.format.extensions.includes(extension)
    ? extension
    : (sniffed.format.extensions[0] ?? sniffed.format.id);
}

async function runExtractor(
  sniffed: SniffedType,
  input: ExtractInput,
  context: ExtractionContext,
): Promise<Extraction> {
  const { format } = sniffed;
  switch (format.kind) {
    case 'pdf': {
      const pdf = await extractPdf(input.bytes, context);
      const ocr = pdf.pages.some((page) => page.source === 'ocr');
      return { method: ocr ? 'ocr' : 'text-layer', ...pdf, email: null };
    }
    case 'image':
      return extractImage(input.bytes, format, context);
    case 'docx':
      return extractDocx(input.bytes, context.limits);
    case 'office': {
      if (isZip(input.bytes)) await assertZipWithinLimits(input.bytes, context.limits);
      const pdf = await context.converter.toPdf(input.bytes, officeExtension(sniffed, input.declared), context.signal);
      return { method: 'converted', ...(await extractPdf(pdf, context)), email: null };
    }
    case 'email':
      return extractEmail(input.bytes);
    case 'text':
      if (!sniffed.text) throw new Error('text format sniffed without decoded text');
      return extractPlain(sniffed.text, context);
  }
}

/** Rejects with the signal's reason as soon as it aborts, whatever the work is doing. */
function untilAborted(signal: AbortSignal): { promise: Promise<never>; dispose: () => void } {
  let dispose: () => void = () => undefined;
  const promise = new Promise<never>((_, reject) => {
    const onAbort = () => {
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    dispose = () => {
      signal.removeEventListener('abort', onAbort);
    };
  });
  promise.catch(() => undefined);
  return { promise, dispose };
}

function joinPages(pages: readonly RecognizedPage[]): string {
  return pages
    .map((page) => page.text)
    .filter((text) => text !== '')
    .join('\n\n');
}

/**
 * Extracts text, pages, metadata and layout features from one file. The type is sniffed from
 * the bytes (a declared type that disagrees is a warning); the whole extraction runs under
 * `RECOGNITION_TIMEOUT_MS`, after which the work is aborted and `RECOGNITION_TIMEOUT` answered.
 * Failures that are not coded errors are read as an unreadable file (`RECOGNITION_CORRUPT`).
 */
export async function extractDocument(deps: ExtractDeps, input: ExtractInput): Promise<RecognitionResult> {
  const started = performance.now();
  const { limits } = deps;
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(recognitionErrors.timeout(`the extraction took more than ${limits.timeoutMs} ms and was stopped`));
  }, limits.timeoutMs);
  const deadline = untilAborted(controller.signal);
  try {
    const sniffed = await sniffType(input.bytes);
    const context: ExtractionContext = {
      limits,
      signal: controller.signal,
      ocr: deps.ocr,
      converter: deps.converter,
      warnings: declaredTypeWarnings(input.declared, sniffed.format),
      logger: deps.logger,
    };
    const extraction = await Promise.race([runExtractor(sniffed, input, context), deadline.promise]);
    const scannedPages = extraction.pages.filter((page) => page.features.scanned).length;
    return {
      type: { kind: sniffed.format.kind, mime: sniffed.format.mime, extension: sniffed.format.id },
      declared: input.declared,
      bytes: input.bytes.length,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      method: extraction.method,
      scanned: extraction.pages.length > 0 && scannedPages * 2 >= extraction.pages.length,
      pageCount: extraction.pages.length,
      text: joinPages(extraction.pages),
      pages: extraction.pages,
      metadata: extraction.metadata,
      email: extraction.email,
      warnings: context.warnings,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    if (isCodedError(error) || error instanceof OcrEngineError) throw error;
    deps.logger.warn({ err: error }, 'extraction failed on an unreadable file');
    throw recognitionErrors.corrupt(
      `the file cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    clearTimeout(timer);
    deadline.dispose();
    if (!controller.signal.aborted) controller.abort(new Error('extraction finished'));
  }
}

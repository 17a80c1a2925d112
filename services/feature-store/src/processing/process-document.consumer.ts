import type { ServiceClient } from '@mlops/clients';
import {
  WORK_QUEUES,
  documentProcessMessageSchema,
  documentProcessedEventSchema,
  EVENTS,
  type RecognitionResult,
  type recognitionRoutes,
} from '@mlops/contracts';
import type { Logger } from '@mlops/logger';
import type { Broker, MessageContext } from '@mlops/messaging';
import { downloadStream } from '@mlops/mongo';
import { ObjectId, type GridFSBucket } from 'mongodb';
import type { DocumentRecord, DocumentRepository } from '../documents/document.repository.js';
import type { RecentFiles } from '../documents/recent-files.js';
import { storeLabelsOfNew, textSha256 } from '../documents/ingest-records.usecase.js';
import type { LabelRepository } from '../labels/label.repository.js';
import { coalescedAnalyzer } from './coalesced-analyzer.js';
import { coalescedDocuments, type ProcessingDocuments } from './coalesced-documents.js';
import { limitConcurrency, type CoalescerOptions } from './coalescer.js';
import { failureMessage, finalFailureOf } from './processing-errors.js';
import type { BatchTextAnalyzer, TextAnalyzer } from './text-analyzer.js';

/** Documents in hand (unacknowledged messages) per extraction slot: text records need no extraction. */
const DOCUMENTS_PER_WORKER = 32;
/** How the reads, writes and nlp calls of the documents in hand are grouped. */
const GROUPING: CoalescerOptions = { maxBatch: 128, concurrency: 2 };

interface Extracted {
  readonly text: string;
  readonly features: Record<string, unknown>;
}

/** What processing needs. */
export interface ProcessingDeps {
  readonly broker: Broker;
  readonly documents: ProcessingDocuments;
  readonly labels: Pick<LabelRepository, 'addForNew'>;
  readonly bucket: GridFSBucket;
  readonly recognition: ServiceClient<typeof recognitionRoutes>;
  readonly analyzer: TextAnalyzer;
  /** Files extracted at once (calls to document-recognition in flight); unlimited when absent. */
  readonly extractionSlot?: (task: () => Promise<Extracted>) => Promise<Extracted>;
  readonly maxAttempts: number;
  /** Bytes of files uploaded lately, sent instead of reading them back from GridFS. */
  readonly recentFiles?: RecentFiles;
}

function extractionFeatures(result: RecognitionResult): Record<string, unknown> {
  return {
    kind: result.type.kind,
    mime: result.type.mime,
    method: result.method,
    scanned: result.scanned,
    pageCount: result.pageCount,
    pages: result.pages.map((page) => ({ number: page.number, source: page.source, ...page.features })),
    metadata: result.metadata,
    ...(result.email ? { email: result.email } : {}),
    warnings: result.warnings,
  };
}

/**
 * Sends a file document's bytes to document-recognition (raw body, not retried here: the
 * message is retried instead, and reopens the stream): the bytes kept from its upload when this
 * process has them, else streamed from GridFS. Text documents need no extraction.
 */
async function extract(deps: ProcessingDeps, doc: DocumentRecord, requestId: string | undefined): Promise<Extracted> {
  const { fileId } = doc.source;
  if (doc.source.kind === 'text' || !fileId) return { text: doc.text ?? '', features: {} };
  const call = async (): Promise<Extracted> => {
    const kept = deps.recentFiles?.take(fileId);
    const content = kept ?? downloadStream(deps.bucket, new ObjectId(fileId));
    try {
      const result = await deps.recognition.extract(
        { query: { filename: doc.source.filename ?? doc._id }, upload: { files: { content } } },
        requestId ? { requestId } : {},
      );
      return { text: result.text, features: { extraction: extractionFeatures(result) } };
    } finally {
      if (!Buffer.isBuffer(content)) content.destroy();
    }
  };
  return deps.extractionSlot ? deps.extractionSlot(call) : call();
}

async function publishOutcome(
  deps: ProcessingDeps,
  doc: DocumentRecord,
  status: 'ready' | 'failed',
  requestId: string | undefined,
): Promise<void> {
  await deps.broker.publishEvent(
    status === 'ready' ? EVENTS.documentReady : EVENTS.documentFailed,
    documentProcessedEventSchema,
    {
      documentId: doc._id,
      sha256: doc.sha256,
      status,
      attempts: doc.attempts,
      ...(doc.error ? { error: doc.error } : {}),
    },
    { messageId: `${doc._id}:${status}:${doc.attempts}`, ...(requestId ? { requestId } : {}) },
  );
}

async function fail(
  deps: ProcessingDeps,
  doc: DocumentRecord,
  error: { code: string; message: string },
  context: MessageContext,
): Promise<DocumentRecord> {
  await deps.documents.update(doc._id, { status: 'failed', error }, ['announcedAt']);
  context.logger.warn({ documentId: doc._id, error }, 'document failed');
  return { ...doc, status: 'failed', error };
}

/**
 * Publishes the outcome event of a settled document, then marks it announced. The status is
 * written first and the message acked last, so a crash between the two writes is healed by the
 * redelivered message: it finds the document settled but unannounced and publishes again
 * (same message id, so consumers can drop the copy).
 */
async function announce(deps: ProcessingDeps, doc: DocumentRecord, requestId: string | undefined): Promise<void> {
  if (doc.status !== 'ready' && doc.status !== 'failed') return;
  await publishOutcome(deps, doc, doc.status, requestId);
  await deps.documents.markAnnounced(doc._id);
}

/** Writes labels a crash left in the document (see `storeLabelsOfNew`) before working on it. */
async function finishPendingLabels(deps: ProcessingDeps, doc: DocumentRecord, logger: Logger): Promise<void> {
  if (!doc.pendingLabels) return;
  await storeLabelsOfNew(deps, [{ documentId: doc._id, labels: doc.pendingLabels }]);
  logger.info({ documentId: doc._id, tasks: Object.keys(doc.pendingLabels) }, 'pending labels stored');
}

/**
 * Processes one document: extraction by document-recognition (files), analysis by nlp, then
 * `ready` with text, language and features, or `failed` with the reason. A file the recogniser
 * refuses fails at once; an unreachable upstream is retried with growing delays (the message
 * goes back through the retry queue) until the attempts are spent, so documents caught by an
 * outage finish once the upstream is back. Idempotent: a ready or failed document is not worked on
 * again, only announced if a crash came between its status and its event.
 */
export async function processDocument(
  deps: ProcessingDeps,
  documentId: string,
  context: MessageContext,
): Promise<void> {
  const doc = await deps.documents.findById(documentId);
  if (doc) await finishPendingLabels(deps, doc, context.logger);
  if (!doc || doc.status === 'ready' || doc.status === 'failed') {
    context.logger.info({ documentId, status: doc?.status }, 'nothing to process');
    if (doc && !doc.announcedAt) await announce(deps, doc, context.requestId);
    return;
  }
  const attempts = doc.attempts + 1;
  await deps.documents.update(documentId, { status: 'processing', attempts });
  const current = { ...doc, attempts };
  let settled: DocumentRecord;
  try {
    const { text, features } = await extract(deps, current, context.requestId);
    const analysis = await deps.analyzer.analyze(text, context.requestId);
    const unchangedText = doc.source.kind === 'text' && doc.text === text && doc.textSha256 !== undefined;
    const ready: Partial<DocumentRecord> = {
      status: 'ready',
      ...(unchangedText ? {} : { text, textSha256: textSha256(text) }),
      language: analysis.language,
      features: { ...features, analysis: analysis.features },
    };
    await deps.documents.update(documentId, ready, ['error', 'announcedAt']);
    settled = { ...current, ...ready };
  } catch (error) {
    const final = finalFailureOf(error);
    if (final) {
      settled = await fail(deps, current, final, context);
    } else if (context.attempt >= deps.maxAttempts) {
      settled = await fail(
        deps,
        current,
        { code: 'DOCUMENT_PROCESSING_EXHAUSTED', message: failureMessage(error) },
        context,
      );
    } else {
      await deps.documents.update(documentId, { status: 'received' });
      throw error;
    }
  }
  await announce(deps, settled, context.requestId);
}

/**
 * Starts consuming `documents.process`: `workers` files extracted at once, and 32 documents in
 * hand per worker, whose store reads and writes and nlp calls are grouped into batches (see
 * `coalesce`) while each document keeps its own steps, message and acknowledgement.
 */
export async function startProcessingConsumer(
  deps: Omit<ProcessingDeps, 'documents' | 'analyzer' | 'extractionSlot'> & {
    readonly documents: DocumentRepository;
    readonly analyzer: BatchTextAnalyzer;
    readonly workers: number;
  },
  logger: Logger,
): Promise<void> {
  const processing: ProcessingDeps = {
    ...deps,
    documents: coalescedDocuments(deps.documents, GROUPING),
    analyzer: coalescedAnalyzer(deps.analyzer, GROUPING),
    extractionSlot: limitConcurrency<Extracted>(deps.workers),
  };
  const prefetch = deps.workers * DOCUMENTS_PER_WORKER;
  await deps.broker.consume({
    queue: WORK_QUEUES.documentsProcess,
    schema: documentProcessMessageSchema,
    prefetch,
    maxAttempts: deps.maxAttempts,
    handler: (message, context) => processDocument(processing, message.documentId, context),
  });
  logger.info({ prefetch, extractions: deps.workers }, 'processing documents');
}

/** Publishes `documents.process` for one document. */
export async function dispatchProcessing(broker: Broker, documentId: string, requestId?: string): Promise<void> {
  await broker.publishWork(
    WORK_QUEUES.documentsProcess,
    documentProcessMessageSchema,
    { documentId },
    requestId ? { requestId } : {},
  );
}

import { QUICK_RETRY, UpstreamError } from '@mlops/clients';
import { EVENTS, reportFailedEventSchema, reportReadyEventSchema, type ReportRenderMessage } from '@mlops/contracts';
import type { Logger } from '@mlops/logger';
import type { Broker, MessageContext } from '@mlops/messaging';
import { buildRunReportModel, renderRunReport, reportTablesZip } from '../report/index.js';
import type { ReportFiles } from '../files/report-files.js';
import { runReportName, tablesName } from '../files/download-name.js';
import { isNotFound, type Upstreams } from '../upstreams/upstreams.js';
import { missingParts, pdfPageCount } from './rendered-report.js';
import { gatherRunReportInputs } from './report-inputs.js';
import type { ReportDocument, ReportError, ReportRepository } from './report.repository.js';

/** What rendering a run report needs. */
export interface RenderDeps {
  readonly reports: ReportRepository;
  readonly files: ReportFiles;
  readonly upstreams: Upstreams;
  readonly broker: Broker;
  /** The reporter's public base URL (what the registry records). */
  readonly publicUrl: string;
  readonly timeoutMs: number;
  readonly maxAttempts: number;
}

/** An attempt that ran out of time. */
class RenderTimeoutError extends Error {
  override readonly name = 'RenderTimeoutError';
}

const MAX_ERROR_MESSAGE = 2000;

/** The error a record and `report.failed` show for what an attempt threw. */
export function reportErrorOf(error: unknown): ReportError {
  if (error instanceof UpstreamError) return { code: error.code, message: error.message.slice(0, MAX_ERROR_MESSAGE) };
  if (error instanceof RenderTimeoutError) return { code: 'REPORT_RENDER_TIMEOUT', message: error.message };
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: 'REPORT_RENDER_FAILED', message: message.slice(0, MAX_ERROR_MESSAGE) };
}

/** Whether retrying cannot help: an upstream refused the call (the version is gone, the call is wrong). */
function isPermanent(error: unknown): boolean {
  return error instanceof UpstreamError && error.kind === 'refused';
}

/** The URL the registry records for a version's run report. */
export function reportUrl(publicUrl: string, model: string, version: number): string {
  return `${publicUrl}/v1/reports/${encodeURIComponent(model)}/${version}.pdf`;
}

/** Runs `work` with a signal aborted after `timeoutMs` (or with `outer`), rejecting at the deadline even if the work does not stop. */
async function withDeadline<T>(
  timeoutMs: number,
  outer: AbortSignal,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const deadline = new AbortController();
  const signal = AbortSignal.any([outer, deadline.signal]);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new RenderTimeoutError(`the attempt did not finish within ${timeoutMs} ms`);
      deadline.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Gathers the inputs, renders the PDF and the CSV tables, stores both in GridFS, then flips the
 * record to ready (files first, record second: a half-written PDF is never served) and deletes the
 * files it replaced. Returns the ready record, or null when a regenerate overtook this render (its
 * files are then deleted).
 */
async function renderAndStore(
  deps: RenderDeps,
  doc: ReportDocument,
  signal: AbortSignal,
  lastAttempt: boolean,
  logger: Logger,
): Promise<ReportDocument | null> {
  const gathered = await gatherRunReportInputs(deps.upstreams, doc.model, doc.version, {
    signal,
    jobId: doc.jobId,
    lastAttempt,
    logger,
  });
  const started = performance.now();
  const model = buildRunReportModel(gathered.input);
  const pdf = await renderRunReport(model);
  const tables = reportTablesZip(model);
  const renderMs = Math.round(performance.now() - started);
  signal.throwIfAborted();
  const meta = { model: doc.model, version: doc.version, generation: doc.generation };
  const storedPdf = await deps.files.store(runReportName(doc.model, doc.version), pdf, { ...meta, kind: 'run-pdf' });
  const storedTables = await deps.files.store(tablesName(doc.model, doc.version), tables, {
    ...meta,
    kind: 'run-tables',
  });
  const files = {
    sha256: storedPdf.sha256,
    size: storedPdf.size,
    pages: pdfPageCount(pdf),
    pdfFileId: storedPdf.id,
    tablesFileId: storedTables.id,
    tablesSha256: storedTables.sha256,
    tablesSize: storedTables.size,
    missing: [...missingParts(model), ...gathered.missing],
    renderedAt: new Date(),
    renderMs,
  };
  const before = await deps.reports.markReady(doc, files);
  if (!before) {
    await deps.files.remove([storedPdf.id, storedTables.id]);
    logger.info({ model: doc.model, version: doc.version }, 'a newer render was asked for; this one is dropped');
    return null;
  }
  await deps.files.remove(
    [before.pdfFileId, before.tablesFileId].filter(
      (id) => id !== undefined && !id.equals(storedPdf.id) && !id.equals(storedTables.id),
    ),
  );
  logger.info(
    { model: doc.model, version: doc.version, sha256: files.sha256, pages: files.pages, renderMs },
    'report rendered',
  );
  const { recordedAt: _recorded, announcedAt: _announced, ...kept } = doc;
  return { ...kept, ...files, missing: [...files.missing], status: 'ready' };
}

/**
 * Tells the others that a ready report exists: records its sha256, size, date and URL in the
 * registry, then publishes `report.ready`; each step once per generation (a retried message
 * resumes where the last attempt stopped).
 */
async function announceReady(deps: RenderDeps, doc: ReportDocument, context: MessageContext): Promise<void> {
  const { sha256, size, renderedAt } = doc;
  if (!sha256 || !size || !renderedAt) return;
  const url = reportUrl(deps.publicUrl, doc.model, doc.version);
  if (!doc.recordedAt) {
    try {
      await deps.upstreams.registry.reports.record(
        {
          params: { name: doc.model, version: doc.version },
          body: { sha256, size, renderedAt: renderedAt.toISOString(), url },
        },
        { retry: QUICK_RETRY, signal: context.signal },
      );
    } catch (error) {
      if (!isNotFound(error)) throw error;
      context.logger.warn({ err: error }, 'the registry no longer has the version; report not recorded');
      return;
    }
    await deps.reports.markRecorded(doc);
  }
  if (!doc.announcedAt) {
    await deps.broker.publishEvent(
      EVENTS.reportReady,
      reportReadyEventSchema,
      { model: doc.model, version: doc.version, sha256, size, url, renderedAt: renderedAt.toISOString() },
      {
        messageId: `report.ready:${doc.model}:${doc.version}:${sha256}`,
        ...(context.requestId ? { requestId: context.requestId } : {}),
      },
    );
    await deps.reports.markAnnounced(doc);
  }
}

async function fail(deps: RenderDeps, doc: ReportDocument, error: ReportError, context: MessageContext): Promise<void> {
  if (!(await deps.reports.markFailed(doc, context.attempt, error))) return;
  await deps.broker.publishEvent(
    EVENTS.reportFailed,
    reportFailedEventSchema,
    {
      model: doc.model,
      version: doc.version,
      attempts: context.attempt,
      error,
      failedAt: new Date().toISOString(),
    },
    {
      messageId: `report.failed:${doc.model}:${doc.version}:${doc.generation}`,
      ...(context.requestId ? { requestId: context.requestId } : {}),
    },
  );
  context.logger.error({ model: doc.model, version: doc.version, error }, 'report failed');
}

/**
 * Renders the run report a `reports.render` message asks for. Idempotent: a message for an older
 * generation, or for one already failed, does nothing; one already rendered only finishes its
 * announcements. A failed attempt puts the record back to pending and throws, so the consumer
 * retries it with backoff; a refusal by an upstream (the version is gone) or the last attempt
 * marks it failed and publishes `report.failed`. A manifest that lacks sections still renders.
 */
export async function renderReport(
  deps: RenderDeps,
  message: ReportRenderMessage,
  context: MessageContext,
): Promise<void> {
  const doc = await deps.reports.find(message.model, message.version);
  if (doc?.generation !== message.generation || doc.status === 'failed') {
    context.logger.info(
      { model: message.model, version: message.version, generation: message.generation, current: doc?.generation },
      'nothing to render',
    );
    return;
  }
  const lastAttempt = context.attempt >= deps.maxAttempts;
  if (doc.status !== 'ready') {
    if (!(await deps.reports.markRendering(doc, context.attempt))) return;
    let ready: ReportDocument | null;
    try {
      ready = await withDeadline(deps.timeoutMs, context.signal, (signal) =>
        renderAndStore(deps, doc, signal, lastAttempt, context.logger),
      );
    } catch (error) {
      if (context.signal.aborted) throw error;
      const reason = reportErrorOf(error);
      if (lastAttempt || isPermanent(error)) {
        await fail(deps, doc, reason, context);
        return;
      }
      await deps.reports.markRetrying(doc, context.attempt, reason);
      throw error;
    }
    if (!ready) return;
    return announceOrGiveUp(deps, ready, context, lastAttempt);
  }
  return announceOrGiveUp(deps, doc, context, lastAttempt);
}

async function announceOrGiveUp(
  deps: RenderDeps,
  doc: ReportDocument,
  context: MessageContext,
  lastAttempt: boolean,
): Promise<void> {
  try {
    await announceReady(deps, doc, context);
  } catch (error) {
    if (!lastAttempt) throw error;
    // The PDF is stored and served; only the registry record or the event is missing.
    context.logger.error({ err: error }, 'report ready but not announced; regenerate to try again');
  }
}

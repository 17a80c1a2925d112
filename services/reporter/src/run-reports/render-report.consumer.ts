import { WORK_QUEUES, reportRenderMessageSchema } from '@mlops/contracts';
import type { Broker } from '@mlops/messaging';
import { renderReport, type RenderDeps } from './render-report.usecase.js';
import type { ReportDocument } from './report.repository.js';

/** Longest wait before a retry of a render. */
const MAX_RETRY_DELAY_MS = 5 * 60_000;

/** The delay before retry `attempt` (1-based): `firstDelayMs`, doubling, at most 5 minutes. */
export function renderRetryDelay(firstDelayMs: number): (attempt: number) => number {
  return (attempt) => Math.min(MAX_RETRY_DELAY_MS, firstDelayMs * 2 ** (attempt - 1));
}

/**
 * Consumes `reports.render`: each message renders one generation of a version's run report.
 * A failed attempt comes back through the retry queue after a growing delay; after
 * `maxAttempts` the record is failed (or, when even that cannot be written, the message goes to
 * `reports.render.dlq`).
 */
export async function startRenderConsumer(
  deps: RenderDeps,
  options: { readonly prefetch: number; readonly retryDelayMs: number },
): Promise<void> {
  await deps.broker.consume({
    queue: WORK_QUEUES.reportsRender,
    schema: reportRenderMessageSchema,
    prefetch: options.prefetch,
    maxAttempts: deps.maxAttempts,
    retryDelayMs: renderRetryDelay(options.retryDelayMs),
    handler: (message, context) => renderReport(deps, message, context),
  });
}

/** Queues the render of a record's current generation (with publisher confirms). */
export async function enqueueRender(broker: Broker, doc: ReportDocument, requestId?: string): Promise<void> {
  await broker.publishWork(
    WORK_QUEUES.reportsRender,
    reportRenderMessageSchema,
    { model: doc.model, version: doc.version, generation: doc.generation, requestedAt: new Date().toISOString() },
    { messageId: `reports.render:${doc.model}:${doc.version}:${doc.generation}`, ...(requestId ? { requestId } : {}) },
  );
}

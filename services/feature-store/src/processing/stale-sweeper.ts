import type { Logger } from '@mlops/logger';
import { startPeriodicTask } from '@mlops/runtime';
import type { DocumentRepository } from '../documents/document.repository.js';

/**
 * Periodically re-dispatches documents left `received` or `processing` longer than `staleMs`
 * (their message was never published, or was lost with a broker that lost its data), so no
 * document stays unprocessed forever. It writes nothing to the document (the processing worker
 * owns it); a document it resent is not resent again within `staleMs`. Returns a function that stops it.
 */
export function startStaleSweeper(
  deps: { documents: DocumentRepository; dispatch: (documentId: string) => Promise<void>; logger: Logger },
  intervalMs: number,
  staleMs: number,
): () => void {
  const lastSent = new Map<string, number>();
  return startPeriodicTask(
    'stale document sweep',
    async () => {
      const now = Date.now();
      for (const [id, at] of lastSent) if (now - at > staleMs) lastSent.delete(id);
      for (const id of await deps.documents.stale(new Date(now - staleMs), 200)) {
        if (lastSent.has(id)) continue;
        await deps.dispatch(id);
        lastSent.set(id, now);
        deps.logger.info({ documentId: id }, 'stale document re-dispatched');
      }
    },
    intervalMs,
    deps.logger,
  );
}

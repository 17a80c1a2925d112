import type { Logger } from '@mlops/logger';
import type { DocumentRepository } from '../documents/document.repository.js';

/**
 * Periodically re-dispatches documents left `received` or `processing` longer than `staleMs`
 * (their message was never published, or was lost with a broker that lost its data), so no
 * document stays unprocessed forever. Returns a function that stops it.
 */
export function startStaleSweeper(
  deps: { documents: DocumentRepository; dispatch: (documentId: string) => Promise<void>; logger: Logger },
  intervalMs: number,
  staleMs: number,
): () => void {
  let running = false;
  const sweep = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      for (const id of await deps.documents.stale(new Date(Date.now() - staleMs), 200)) {
        await deps.dispatch(id);
        await deps.documents.touch(id);
        deps.logger.info({ documentId: id }, 'stale document re-dispatched');
      }
    } catch (error) {
      deps.logger.warn({ err: error }, 'stale sweep failed; the next one retries');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void sweep(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

import type { Logger } from '@mlops/logger';
import { startPeriodicTask } from '@mlops/runtime';
import type { ModelRegistry } from './model-registry.js';

/**
 * Resends, every `intervalMs`, the `model.registered` / `model.promoted` events whose publish was
 * not confirmed (broker down, process died); returns the function that stops it.
 */
export function startRegistryEventSweeper(registry: ModelRegistry, intervalMs: number, logger: Logger): () => void {
  return startPeriodicTask(
    'registry-event-sweep',
    async () => {
      const published = await registry.events.sweep(intervalMs);
      if (published > 0) logger.info({ published }, 'resent unconfirmed model events');
    },
    intervalMs,
    logger,
  );
}

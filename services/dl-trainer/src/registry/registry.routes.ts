import type { HttpApp } from '@mlops/http';
import type { Logger } from '@mlops/logger';
import { startPeriodicTask } from '@mlops/runtime';
import { registerAliasRoutes } from './aliases.route.js';
import { registerArtifactRoutes } from './artifacts.route.js';
import type { ModelRegistry } from './model-registry.js';
import { registerModelRoutes } from './models.route.js';
import { registerRunRoutes } from './runs.route.js';

/** Registers the registry's routes (`/v1/models/...`) and the runs' routes (`/v1/runs/...`). */
export async function registerRegistryRoutes(app: HttpApp, registry: ModelRegistry): Promise<void> {
  registerModelRoutes(app, registry);
  await registerArtifactRoutes(app, registry);
  registerAliasRoutes(app, registry);
  registerRunRoutes(app, registry);
}

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

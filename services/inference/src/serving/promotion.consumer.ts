import { modelPromotedEventSchema } from '@mlops/contracts';
import type { Broker } from '@mlops/messaging';
import { SERVED_ALIASES, type ModelServer } from './model-server.js';

/**
 * Follows `model.promoted`: a move of a served model's `production`, `canary` or `shadow` alias
 * syncs that model with the registry (the aliases are resolved again, so duplicates and
 * out-of-order events are harmless).
 * The message is acknowledged once the new version serves or its load failed (logged).
 */
export async function startPromotionConsumer(broker: Broker, queue: string, server: ModelServer): Promise<void> {
  await broker.consume({
    queue,
    schema: modelPromotedEventSchema,
    prefetch: 4,
    handler: async (event, context) => {
      const followed = (SERVED_ALIASES as readonly string[]).includes(event.alias);
      if (!followed || !server.served.includes(event.name)) return;
      context.logger.info({ model: event.name, alias: event.alias, version: event.version }, 'alias moved; syncing');
      await server.syncModel(event.name);
    },
  });
}

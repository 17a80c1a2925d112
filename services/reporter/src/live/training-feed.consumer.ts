import { trainingFinishedEventSchema, trainingProgressEventSchema } from '@mlops/contracts';
import type { Broker } from '@mlops/messaging';
import { z } from 'zod';
import type { TrainingFeed } from './training-feed.js';

const liveEventSchema = z.union([trainingProgressEventSchema, trainingFinishedEventSchema]);

/**
 * Feeds this replica's `TrainingFeed` from its own live queue (`training.progress`,
 * `training.completed`, `training.failed`). Delivery is in memory and never fails, so every
 * message is acked at once; an invalid one is dropped by the consumer (no dead-letter queue).
 */
export async function startTrainingFeedConsumer(broker: Broker, feed: TrainingFeed, queue: string): Promise<void> {
  await broker.consume({
    queue,
    schema: liveEventSchema,
    prefetch: 64,
    maxAttempts: 1,
    handler: (event) => {
      feed.deliver('epoch' in event ? { kind: 'epoch', event } : { kind: 'end', event });
      return Promise.resolve();
    },
  });
}

import { EVENTS } from '@mlops/contracts';
import type { Topology } from '@mlops/messaging';

/**
 * The queue inference declares: its promotion queue (PROMOTION_QUEUE, one per replica so that
 * every replica hears every promotion), bound to `model.promoted` on `mlops.events`.
 */
export function inferenceTopology(promotionQueue: string): Topology {
  return { queues: [{ queue: promotionQueue, bindings: [EVENTS.modelPromoted] }] };
}

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { EVENTS } from '@mlops/contracts';
import type { Topology } from '@mlops/messaging';

/** The prefix of each replica's live-feed queue (`reporter.live.<host>.<random>`). */
export const LIVE_QUEUE_PREFIX = 'reporter.live';

/** The events the live feed follows: each epoch, and how a job ends. */
const LIVE_BINDINGS = [EVENTS.trainingProgress, EVENTS.trainingCompleted, EVENTS.trainingFailed] as const;

/**
 * A name for this process's live-feed queue: every replica needs its own, since every replica has
 * its own browsers to stream to (a shared queue would hand each event to one replica only).
 */
export function liveQueueName(host: string = hostname()): string {
  const safeHost =
    host
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .slice(0, 40) || 'host';
  return `${LIVE_QUEUE_PREFIX}.${safeHost}.${randomBytes(4).toString('hex')}`;
}

/** The live-feed queue as the broker declares it: exclusive to this connection, gone with it. */
export function liveFeedTopology(queue: string): Topology {
  return { queues: [{ queue, bindings: LIVE_BINDINGS, transient: true }] };
}

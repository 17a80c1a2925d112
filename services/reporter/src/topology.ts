import { EVENTS, WORK_QUEUES } from '@mlops/contracts';
import type { Topology } from '@mlops/messaging';
import { liveFeedTopology } from './live/live-queue.js';

/** The reporter's subscription to `training.completed`: one durable queue for all its replicas. */
export const TRAINING_COMPLETED_QUEUE = 'reporter.training-completed';

/**
 * The queues the reporter declares (each with its retry and dead-letter queues): the
 * `reports.render` work queue it feeds and consumes, and its `training.completed` subscription.
 */
export const reporterTopology: Topology = {
  queues: [
    { queue: WORK_QUEUES.reportsRender },
    { queue: TRAINING_COMPLETED_QUEUE, bindings: [EVENTS.trainingCompleted] },
  ],
};

/** The topology one replica declares: the shared queues, and its own live-feed queue. */
export function replicaTopology(liveQueue: string): Topology {
  return { queues: [...reporterTopology.queues, ...liveFeedTopology(liveQueue).queues] };
}

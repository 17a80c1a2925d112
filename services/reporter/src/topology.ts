import { EVENTS, WORK_QUEUES } from '@mlops/contracts';
import type { Topology } from '@mlops/messaging';

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

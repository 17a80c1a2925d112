import { WORK_QUEUES } from '@mlops/contracts';
import type { Topology } from '@mlops/messaging';

/** The queues dl-trainer declares: the training work queue it both feeds and consumes. */
export const dlTrainerTopology: Topology = {
  queues: [{ queue: WORK_QUEUES.trainingRequested }],
};

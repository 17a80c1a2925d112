import { WORK_QUEUES } from '@mlops/contracts';
import type { Topology } from '@mlops/messaging';

/** The queues feature-store declares: the document processing work queue it feeds and consumes. */
export const featureStoreTopology: Topology = {
  queues: [{ queue: WORK_QUEUES.documentsProcess }],
};

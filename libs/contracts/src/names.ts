/** The topic exchange that carries facts (`<entity>.<past tense>`). */
export const EVENTS_EXCHANGE = 'mlops.events';

/** Where rejected and exhausted messages go; each work queue has its `<queue>.dlq` bound here. */
export const DEAD_LETTER_EXCHANGE = 'mlops.dead-letter';

/** Routing keys of events published on `mlops.events`. */
export const EVENTS = {
  trainingProgress: 'training.progress',
  trainingCompleted: 'training.completed',
  trainingFailed: 'training.failed',
  modelRegistered: 'model.registered',
  modelPromoted: 'model.promoted',
  documentReady: 'document.ready',
  documentFailed: 'document.failed',
} as const;
export type EventName = (typeof EVENTS)[keyof typeof EVENTS];

/** Durable work queues: one consumer group does the work, with retries and a DLQ. */
export const WORK_QUEUES = {
  trainingRequested: 'training.requested',
  documentsProcess: 'documents.process',
} as const;
export type WorkQueueName = (typeof WORK_QUEUES)[keyof typeof WORK_QUEUES];

/** The names of the six services, used in logs, metrics and per-consumer queue names. */
export const SERVICES = [
  'feature-store',
  'document-recognition',
  'nlp',
  'dl-trainer',
  'reporter',
  'inference',
] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Name of the durable queue through which `service` receives `event` (`<service>.<event>`). */
export function subscriptionQueue(service: ServiceName, event: EventName): string {
  return `${service}.${event}`;
}

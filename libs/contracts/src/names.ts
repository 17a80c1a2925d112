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
  modelDriftDetected: 'model.drift-detected',
  modelRolledBack: 'model.rolled-back',
  documentReady: 'document.ready',
  documentFailed: 'document.failed',
  reportReady: 'report.ready',
  reportFailed: 'report.failed',
} as const;

/** Durable work queues: one consumer group does the work, with retries and a DLQ. */
export const WORK_QUEUES = {
  trainingRequested: 'training.requested',
  documentsProcess: 'documents.process',
  reportsRender: 'reports.render',
} as const;

export {
  EVENTS_EXCHANGE,
  DEAD_LETTER_EXCHANGE,
  EVENTS,
  WORK_QUEUES,
  SERVICES,
  subscriptionQueue,
  type EventName,
  type WorkQueueName,
  type ServiceName,
} from './names.js';
export { problemSchema, fieldErrorSchema, type Problem, type FieldError } from './problem.js';
export { livenessSchema, readinessSchema, type Readiness } from './health.js';
export { pageQuerySchema, pageSchema, type PageQuery } from './pagination.js';
export {
  datasetRefSchema,
  trainingJobRequestSchema,
  trainingJobStatusSchema,
  trainingJobSchema,
  trainingJobParamsSchema,
  trainingJobListQuerySchema,
  type TrainingJobRequest,
  type TrainingJobStatus,
  type TrainingJob,
} from './training-job.js';
export { trainingRequestedMessageSchema, workMessageSchemas, type TrainingRequestedMessage } from './messages.js';
export { trainingFinishedEventSchema, type TrainingFinishedEvent } from './events.js';

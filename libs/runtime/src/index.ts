export { buildConnectedApp, buildStatelessApp } from './service-app.js';
export { startServer } from './start-server.js';
export { startPeriodicTask } from './periodic-task.js';
export {
  WorkerPool,
  type Admission,
  type CallAnswer,
  type TaskOptions,
  type WorkerPoolOptions,
} from './worker-pool.js';
export {
  PoolBusyError,
  WorkerCrashedError,
  WorkerDeadlineError,
  WorkerMemoryError,
  WorkerTaskError,
} from './worker-errors.js';
export type { SerializedError } from './worker-messages.js';
export type { TaskContext, TaskHandler } from './worker-tasks.js';

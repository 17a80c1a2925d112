export { buildConnectedApp, buildStatelessApp } from './service-app.js';
export { startServer } from './start-server.js';
export { startPeriodicTask } from './periodic-task.js';
export { WorkerPool, type Admission, type CallAnswer, type WorkerPoolOptions } from './worker-pool.js';
export { PoolBusyError, WorkerDeadlineError, WorkerMemoryError, WorkerTaskError } from './worker-errors.js';
export type { TaskContext, TaskHandler } from './worker-tasks.js';

import { parentPort, workerData } from 'node:worker_threads';
import { serveTasks, type TaskHandler } from './worker-tasks.js';

/** What a task module exports: a factory that prepares the handler once per worker, given the pool's `workerData`. */
export interface TaskModule {
  createTaskHandler(data: unknown): Promise<TaskHandler> | TaskHandler;
}

/** The host's `workerData`: which task module to load and the data for its factory. */
export interface WorkerHostData {
  readonly module: string;
  readonly data: unknown;
}

if (parentPort === null) throw new Error('the worker host runs only in a worker thread');
const { module, data } = workerData as WorkerHostData;
const taskModule = (await import(module)) as TaskModule;
serveTasks(parentPort, await taskModule.createTaskHandler(data));

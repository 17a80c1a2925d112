import { afterEach, describe, expect, it } from 'vitest';
import {
  PoolBusyError,
  WorkerCrashedError,
  WorkerDeadlineError,
  WorkerMemoryError,
  WorkerTaskError,
} from './worker-errors.js';
import { WorkerPool, type WorkerPoolOptions } from './worker-pool.js';

const module = new URL('../test/fixtures/tasks.worker.js', import.meta.url);
const logger = { warn: () => undefined, debug: () => undefined };
const pools: WorkerPool<unknown, unknown>[] = [];

function pool(options: Partial<WorkerPoolOptions> = {}): WorkerPool<unknown, unknown> {
  const created = new WorkerPool<unknown, unknown>({
    name: 'test-pool',
    module,
    size: 1,
    queueLimit: 2,
    memoryLimitMb: 64,
    logger,
    workerData: { from: 'parent' },
    ...options,
  });
  pools.push(created);
  return created;
}

const generous = { deadlineMs: 30_000 };

afterEach(async () => {
  await Promise.all(pools.splice(0).map((created) => created.close()));
});

describe('WorkerPool', { timeout: 60_000 }, () => {
  it('runs a task in a worker with the pool data and returns its result', async () => {
    const tasks = pool();
    await expect(tasks.run({ op: 'echo', value: [1, 'two'] }, generous)).resolves.toEqual({
      value: [1, 'two'],
      data: { from: 'parent' },
    });
    expect(tasks.stats).toMatchObject({ admitted: 0, queued: 0, workers: 1, capacity: 3 });
  });

  it('terminates a task past its deadline and replaces the worker for the next one', async () => {
    const tasks = pool();
    await tasks.run({ op: 'echo', value: 0 }, generous);
    await expect(tasks.run({ op: 'spin' }, { deadlineMs: 300 })).rejects.toBeInstanceOf(WorkerDeadlineError);
    await expect(tasks.run({ op: 'echo', value: 'after' }, generous)).resolves.toMatchObject({ value: 'after' });
  });

  it('stops a task that exceeds the heap limit and names the limit', async () => {
    const tasks = pool({ memoryLimitMb: 48 });
    const error = await tasks.run({ op: 'allocate' }, generous).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkerMemoryError);
    expect((error as WorkerMemoryError).limitMb).toBe(48);
    await expect(tasks.run({ op: 'echo', value: 'after' }, generous)).resolves.toMatchObject({ value: 'after' });
  });

  it('passes what a task threw by name, message, code and field errors', async () => {
    const error = await pool()
      .run({ op: 'throw', code: 'TEST_BAD' }, generous)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkerTaskError);
    expect((error as WorkerTaskError).failure).toEqual({
      name: 'RangeError',
      message: 'bad input',
      code: 'TEST_BAD',
      fieldErrors: [{ pointer: '/a', message: 'm' }],
    });
  });

  it('fails the task of a worker that exits', async () => {
    const tasks = pool();
    await expect(tasks.run({ op: 'exit' }, generous)).rejects.toBeInstanceOf(WorkerCrashedError);
    await expect(tasks.run({ op: 'echo', value: 1 }, generous)).resolves.toMatchObject({ value: 1 });
  });

  it('answers calls to the parent and forwards events', async () => {
    const tasks = pool();
    const events: unknown[] = [];
    const bytes = new Uint8Array([1, 2, 3]).buffer;
    const answered = await tasks.run(
      { op: 'call', value: 'ocr', bytes },
      {
        ...generous,
        onCall: (payload) => Promise.resolve({ value: { answer: payload } }),
      },
    );
    expect(answered).toEqual({ answer: { asked: 'ocr' } });
    await expect(tasks.run({ op: 'emit' }, { ...generous, onEvent: (event) => events.push(event) })).resolves.toBe(
      'emitted',
    );
    expect(events).toEqual([{ line: 'hello' }]);
    const refused = await tasks
      .run({ op: 'call', value: 1 }, { ...generous, onCall: () => Promise.reject(new TypeError('no engine')) })
      .catch((caught: unknown) => caught);
    expect((refused as WorkerTaskError).failure).toMatchObject({ name: 'TypeError', message: 'no engine' });
    const uncalled = await tasks.run({ op: 'call', value: 1 }, generous).catch((caught: unknown) => caught);
    expect((uncalled as WorkerTaskError).failure.message).toMatch(/may not call/);
  });

  it('admits size + queueLimit tasks, refuses more, and takes places back on release', async () => {
    const tasks = pool({ size: 1, queueLimit: 1 });
    const first = tasks.admit();
    const second = tasks.admit();
    expect(() => tasks.admit()).toThrow(PoolBusyError);
    second.release();
    second.release();
    const third = tasks.admit();
    const results = await Promise.all([
      first.run({ op: 'echo', value: 1 }, generous),
      third.run({ op: 'echo', value: 3 }, generous),
    ]);
    expect(results).toMatchObject([{ value: 1 }, { value: 3 }]);
    await expect(third.run({ op: 'echo', value: 4 }, generous)).rejects.toThrow(/already used/);
    expect(tasks.stats.admitted).toBe(0);
  });

  it('fails waiting tasks and refuses new ones once closed', async () => {
    const tasks = pool({ size: 1, queueLimit: 1 });
    const running = tasks.run({ op: 'spin' }, generous).catch((caught: unknown) => caught);
    const waiting = tasks.run({ op: 'echo', value: 1 }, generous).catch((caught: unknown) => caught);
    await tasks.close();
    expect(await running).toBeInstanceOf(WorkerCrashedError);
    expect(await waiting).toBeInstanceOf(WorkerCrashedError);
    expect(() => tasks.admit()).toThrow(PoolBusyError);
  });

  it('refuses a module that does not exist', async () => {
    const tasks = pool({ module: new URL('../test/fixtures/missing.worker.js', import.meta.url) });
    await expect(tasks.run({ op: 'echo', value: 1 }, generous)).rejects.toThrow(/not found/);
  });
});

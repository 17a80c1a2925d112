import { describe, expect, it } from 'vitest';
import { MicroBatcher, type BatchReport } from './micro-batcher.js';

function recordingBatcher(
  options: { maxSize: number; maxDelayMs: number },
  fail?: (items: readonly number[]) => boolean,
) {
  const calls: number[][] = [];
  const reports: BatchReport[] = [];
  const batcher = new MicroBatcher<number, number>(
    async (items) => {
      calls.push([...items]);
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (fail?.(items)) throw new Error('run failed');
      return items.map((item) => item * 10);
    },
    options,
    (report) => reports.push(report),
  );
  return { batcher, calls, reports };
}

describe('MicroBatcher', () => {
  it('groups concurrent requests into one run and gives each its own outputs, in order', async () => {
    const { batcher, calls, reports } = recordingBatcher({ maxSize: 32, maxDelayMs: 5 });
    const results = await Promise.all([batcher.submit([1, 2]), batcher.submit([3]), batcher.submit([4, 5, 6])]);
    expect(results).toEqual([[10, 20], [30], [40, 50, 60]]);
    expect(calls).toEqual([[1, 2, 3, 4, 5, 6]]);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ size: 6, requests: 3 });
    expect(reports[0]?.queueWaitsMs).toHaveLength(3);
  });

  it('runs at once when the queue reaches the max size, without waiting for the delay', async () => {
    const { batcher, calls } = recordingBatcher({ maxSize: 3, maxDelayMs: 10_000 });
    const startedAt = performance.now();
    await Promise.all([batcher.submit([1, 2]), batcher.submit([3])]);
    expect(performance.now() - startedAt).toBeLessThan(1000);
    expect(calls).toEqual([[1, 2, 3]]);
  });

  it('never exceeds the max size by joining requests; a larger request runs alone', async () => {
    const { batcher, calls } = recordingBatcher({ maxSize: 4, maxDelayMs: 1 });
    const results = await Promise.all([
      batcher.submit([1, 2, 3]),
      batcher.submit([4, 5]),
      batcher.submit([6, 7, 8, 9, 10, 11]),
      batcher.submit([12]),
    ]);
    expect(results.flat()).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
    expect(calls).toEqual([[1, 2, 3], [4, 5], [6, 7, 8, 9, 10, 11], [12]]);
  });

  it('batches requests that arrive while a run is in flight into the next run', async () => {
    const { batcher, calls } = recordingBatcher({ maxSize: 32, maxDelayMs: 0 });
    const first = batcher.submit([1]);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [batcher.submit([2]), batcher.submit([3])];
    await Promise.all([first, ...later]);
    expect(calls).toEqual([[1], [2, 3]]);
  });

  it("delivers a finished batch's answers before it starts the next batch", async () => {
    const events: string[] = [];
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        events.push(`run ${items.join(',')}`);
        await new Promise((resolve) => setTimeout(resolve, 1));
        return items;
      },
      { maxSize: 32, maxDelayMs: 0 },
    );
    const first = batcher.submit([1]).then(() => events.push('answered 1'));
    await new Promise((resolve) => setImmediate(resolve));
    const second = batcher.submit([2]).then(() => events.push('answered 2'));
    await Promise.all([first, second]);
    expect(events).toEqual(['run 1', 'answered 1', 'run 2', 'answered 2']);
  });

  it('rejects every request of a failed run and only those', async () => {
    const { batcher } = recordingBatcher({ maxSize: 2, maxDelayMs: 1 }, (items) => items.includes(2));
    const results = await Promise.allSettled([batcher.submit([1, 2]), batcher.submit([3])]);
    expect(results[0]).toMatchObject({ status: 'rejected' });
    expect(results[1]).toEqual({ status: 'fulfilled', value: [30] });
    expect(batcher.queued).toBe(0);
  });

  it('answers an empty request without running', async () => {
    const { batcher, calls } = recordingBatcher({ maxSize: 2, maxDelayMs: 1 });
    expect(await batcher.submit([])).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('runs up to maxInFlight batches at once, and no more', async () => {
    let running = 0;
    let most = 0;
    const release: (() => void)[] = [];
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => release.push(resolve));
        running -= 1;
        return items.map((item) => item + 1);
      },
      { maxSize: 1, maxDelayMs: 0, maxInFlight: 2 },
    );
    const results = Promise.all([1, 2, 3, 4].map((item) => batcher.submit([item])));
    for (let released = 0; released < 4; released += 1) {
      while (release.length === 0) await new Promise((resolve) => setImmediate(resolve));
      expect(running).toBeLessThanOrEqual(2);
      await new Promise((resolve) => setImmediate(resolve));
      release.shift()?.();
    }
    expect(await results).toEqual([[2], [3], [4], [5]]);
    expect(most).toBe(2);
  });

  it('starts a batch beside a running one only when it is full; a partial one waits and gathers', async () => {
    const calls: number[][] = [];
    const release: (() => void)[] = [];
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        calls.push([...items]);
        await new Promise<void>((resolve) => release.push(resolve));
        return items;
      },
      { maxSize: 3, maxDelayMs: 0, maxInFlight: 2 },
    );
    const first = batcher.submit([1]);
    while (release.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const partial = [batcher.submit([2]), batcher.submit([3])];
    for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([[1]]);
    const full = batcher.submit([4, 5, 6]);
    for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([[1], [2, 3]]);
    release.shift()?.();
    await first;
    while (release.length === 0) await new Promise((resolve) => setImmediate(resolve));
    for (const done of release.splice(0)) done();
    while (calls.length < 3) await new Promise((resolve) => setImmediate(resolve));
    for (const done of release.splice(0)) done();
    expect(await Promise.all([...partial, full])).toEqual([[2], [3], [4, 5, 6]]);
    expect(calls).toEqual([[1], [2, 3], [4, 5, 6]]);
  });
});

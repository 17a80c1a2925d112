import { describe, expect, it } from 'vitest';
import { coalesce, limitConcurrency } from './coalescer.js';

/** A promise resolved from outside, to hold a batch open while calls pile up. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('coalesce', () => {
  it('runs a lone call at once, alone', async () => {
    const batches: number[][] = [];
    const double = coalesce<number, number>(
      (inputs) => {
        batches.push([...inputs]);
        return Promise.resolve(inputs.map((n) => n * 2));
      },
      { maxBatch: 10, concurrency: 1 },
    );
    expect(await double(4)).toBe(8);
    expect(batches).toEqual([[4]]);
  });

  it('groups calls made while a batch runs, up to maxBatch, and answers each its own result', async () => {
    const batches: number[][] = [];
    const held = gate();
    const square = coalesce<number, number>(
      async (inputs) => {
        batches.push([...inputs]);
        await held.promise;
        return inputs.map((n) => n * n);
      },
      { maxBatch: 3, concurrency: 1 },
    );
    const first = square(1);
    await new Promise((resolve) => setImmediate(resolve));
    const rest = [2, 3, 4, 5, 6].map((n) => square(n));
    held.open();
    expect(await Promise.all([first, ...rest])).toEqual([1, 4, 9, 16, 25, 36]);
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  it('runs at most `concurrency` batches at once', async () => {
    let running = 0;
    let most = 0;
    const slow = coalesce<number, number>(
      async (inputs) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return inputs;
      },
      { maxBatch: 1, concurrency: 2 },
    );
    await Promise.all(Array.from({ length: 7 }, (_, n) => slow(n)));
    expect(most).toBe(2);
  });

  it('rejects every call of a batch that throws, and goes on with the next batches', async () => {
    let calls = 0;
    const flaky = coalesce<string, string>(
      (inputs) => {
        calls += 1;
        return calls === 1
          ? Promise.reject(new Error('store away'))
          : Promise.resolve(inputs.map((s) => s.toUpperCase()));
      },
      { maxBatch: 10, concurrency: 1 },
    );
    const failed = [flaky('a'), flaky('b')].map((call) => call.catch((error: unknown) => (error as Error).message));
    expect(await Promise.all(failed)).toEqual(['store away', 'store away']);
    expect(await flaky('c')).toBe('C');
  });

  it('rejects every call of a batch answering the wrong number of results', async () => {
    const short = coalesce<number, number>(() => Promise.resolve([1]), { maxBatch: 10, concurrency: 1 });
    await expect(Promise.all([short(1), short(2)])).rejects.toThrow(/a batch of 2 answered 1 results/);
  });
});

describe('limitConcurrency', () => {
  it('runs at most n tasks at once, in the order they came', async () => {
    const slot = limitConcurrency<number>(2);
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const task = (n: number) => async () => {
      started.push(n);
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 3));
      running -= 1;
      return n;
    };
    expect(await Promise.all([1, 2, 3, 4, 5].map((n) => slot(task(n))))).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5]);
  });
});

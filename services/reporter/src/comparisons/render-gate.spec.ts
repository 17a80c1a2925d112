import { describe, expect, it } from 'vitest';
import { GateFullError, RenderGate } from './render-gate.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('RenderGate', () => {
  it('runs at most maxActive tasks, queues maxWaiting, refuses the rest, and hands slots over in order', async () => {
    const gate = new RenderGate(1, 2);
    const order: string[] = [];
    const first = deferred();
    const running = gate.run(async () => {
      order.push('first');
      await first.promise;
    });
    const second = gate.run(async () => {
      order.push('second');
      await Promise.resolve();
    });
    const third = gate.run(async () => {
      order.push('third');
      await Promise.resolve();
    });
    expect(gate.load).toEqual({ active: 1, waiting: 2 });
    await expect(gate.run(() => Promise.resolve('fourth'))).rejects.toBeInstanceOf(GateFullError);
    first.resolve();
    await Promise.all([running, second, third]);
    expect(order).toEqual(['first', 'second', 'third']);
    expect(gate.load).toEqual({ active: 0, waiting: 0 });
  });

  it('frees the slot of a task that throws', async () => {
    const gate = new RenderGate(1, 0);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(() => Promise.resolve(7))).resolves.toBe(7);
  });

  it('with no waiting room refuses while busy', async () => {
    const gate = new RenderGate(2, 0);
    const hold = deferred();
    const tasks = [gate.run(() => hold.promise), gate.run(() => hold.promise)];
    await expect(gate.run(() => Promise.resolve())).rejects.toThrow(/2 renders running and 0 waiting/);
    hold.resolve();
    await Promise.all(tasks);
  });
});

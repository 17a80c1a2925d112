import { expect } from 'vitest';
import { UpstreamError } from '../src/upstream-error.js';

/** What a call that must fail was rejected with; a call that resolves fails the test. */
export async function failureOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => {
      throw new Error('the call was expected to fail');
    },
    (caught: unknown) => caught,
  );
}

/** The UpstreamError a call that must fail was rejected with. */
export async function upstreamFailureOf(call: Promise<unknown>): Promise<UpstreamError> {
  const error = await failureOf(call);
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

/** Runs some work and measures how long it took. */
export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; elapsedMs: number }> {
  const startedAt = performance.now();
  const result = await work();
  return { result, elapsedMs: performance.now() - startedAt };
}

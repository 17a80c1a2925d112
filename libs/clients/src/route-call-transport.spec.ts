import { defineRoute } from '@mlops/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { closedBaseUrl, localUpstreams, sendJson, sendProblem, type UpstreamHandler } from '@mlops/testing';
import { failureOf, timed, upstreamFailureOf } from '../test/outcome.js';
import { callRoute } from './route-call.js';
import type { RetryPolicy } from './retry-policy.js';

const service = 'feature-store';
const statusSchema = z.object({ status: z.string() });
const common = { service, tags: ['things'], scope: 'read', summary: 'A route', errors: [400, 503] } as const;

const getThing = defineRoute({ ...common, method: 'GET', path: '/v1/things', responses: { 200: statusSchema } });
const postThing = defineRoute({ ...common, method: 'POST', path: '/v1/things', responses: { 200: statusSchema } });
const searchThings = defineRoute({
  ...common,
  method: 'POST',
  path: '/v1/things::search',
  idempotent: true,
  responses: { 200: statusSchema },
});

/** Small delays, so that retried tests stay fast: QUICK_RETRY's shape at a hundredth of its scale. */
const FAST_RETRY: RetryPolicy = { attempts: 3, initialDelayMs: 2, maxDelayMs: 20, deadlineMs: 2_000 };

/** Never answers. */
const silent: UpstreamHandler = () => undefined;

/** Sends its headers and half a document, then stalls. */
const stallsBody: UpstreamHandler = (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write('{"status":');
};

/** Answers 503 to the first `failures` requests, then 200. */
function failsFirst(failures: number): UpstreamHandler {
  let seen = 0;
  return (_request, response) => {
    seen += 1;
    if (seen <= failures) sendProblem(response, 503, 'THING_BUSY');
    else sendJson(response, 200, { status: 'ok' });
  };
}

describe('callRoute transport', () => {
  const upstream = localUpstreams();

  describe('timeouts', () => {
    it('gives up on a server that never answers with a timeout, within the time allowed', async () => {
      const { baseUrl } = await upstream(silent);
      const { result, elapsedMs } = await timed(() =>
        upstreamFailureOf(callRoute(getThing, {}, { baseUrl, timeoutMs: 150 })),
      );
      expect(result).toMatchObject({
        kind: 'timeout',
        code: 'UPSTREAM_TIMEOUT',
        service,
        detail: 'feature-store did not answer within 150 ms',
        status: undefined,
      });
      expect(elapsedMs).toBeGreaterThanOrEqual(140);
      expect(elapsedMs).toBeLessThan(1_500);
    });

    it("prefers the call's timeout to the client's", async () => {
      const { baseUrl } = await upstream(silent);
      const { result, elapsedMs } = await timed(() =>
        failureOf(callRoute(getThing, {}, { baseUrl, timeoutMs: 30_000 }, { timeoutMs: 100 })),
      );
      expect(result).toMatchObject({ kind: 'timeout' });
      expect(elapsedMs).toBeLessThan(1_500);
    });

    it('times out a body that stalls after the headers', async () => {
      const { baseUrl } = await upstream(stallsBody);
      const { result, elapsedMs } = await timed(() => failureOf(callRoute(getThing, {}, { baseUrl, timeoutMs: 150 })));
      expect(result).toMatchObject({ kind: 'timeout', code: 'UPSTREAM_TIMEOUT' });
      expect(elapsedMs).toBeLessThan(1_500);
    });
  });

  it('reports a refused connection as an unavailable UPSTREAM_UNREACHABLE', async () => {
    const baseUrl = await closedBaseUrl();
    const error = await upstreamFailureOf(callRoute(getThing, {}, { baseUrl }));
    expect(error).toMatchObject({ kind: 'unavailable', code: 'UPSTREAM_UNREACHABLE', status: undefined });
    expect(error.detail).toMatch(/^feature-store unreachable: fetch failed: .*ECONNREFUSED/);
  });

  describe("the caller's signal", () => {
    it("aborts a call waiting for its answer with the caller's reason", async () => {
      const { baseUrl } = await upstream(silent);
      const controller = new AbortController();
      const reason = new Error('the user left');
      setTimeout(() => controller.abort(reason), 50);
      const error = await failureOf(
        callRoute(getThing, {}, { baseUrl, timeoutMs: 5_000 }, { signal: controller.signal }),
      );
      expect(error).toBe(reason);
    });

    it("aborts the read of a stalled body with the caller's reason", async () => {
      const { baseUrl } = await upstream(stallsBody);
      const controller = new AbortController();
      setTimeout(() => controller.abort('gave up'), 50);
      const error = await failureOf(
        callRoute(getThing, {}, { baseUrl, timeoutMs: 5_000 }, { signal: controller.signal }),
      );
      expect(error).toBe('gave up');
    });

    it('sends nothing when already aborted, and does not retry', async () => {
      const { baseUrl, received } = await upstream(failsFirst(0));
      const reason = new Error('already gone');
      const call = callRoute(getThing, {}, { baseUrl }, { signal: AbortSignal.abort(reason), retry: FAST_RETRY });
      expect(await failureOf(call)).toBe(reason);
      expect(received).toHaveLength(0);
    });
  });

  describe('retries', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it('retries an idempotent GET on 503 until it passes', async () => {
      const { baseUrl, received } = await upstream(failsFirst(2));
      await expect(callRoute(getThing, {}, { baseUrl }, { retry: FAST_RETRY })).resolves.toEqual({ status: 'ok' });
      expect(received).toHaveLength(3);
    });

    it('retries a POST the descriptor declares idempotent', async () => {
      const { baseUrl, received } = await upstream(failsFirst(1));
      await expect(callRoute(searchThings, {}, { baseUrl }, { retry: FAST_RETRY })).resolves.toEqual({ status: 'ok' });
      expect(received).toHaveLength(2);
    });

    it('retries a timed out attempt', async () => {
      let seen = 0;
      const { baseUrl, received } = await upstream((_request, response) => {
        seen += 1;
        if (seen > 1) sendJson(response, 200, { status: 'ok' });
      });
      const call = callRoute(getThing, {}, { baseUrl, timeoutMs: 100 }, { retry: FAST_RETRY });
      await expect(call).resolves.toEqual({ status: 'ok' });
      expect(received).toHaveLength(2);
    });

    it('does not retry without a policy (NO_RETRY is the default)', async () => {
      const { baseUrl, received } = await upstream(failsFirst(1));
      expect(await failureOf(callRoute(getThing, {}, { baseUrl }))).toMatchObject({ status: 503 });
      expect(received).toHaveLength(1);
    });

    it('does not retry a POST', async () => {
      const { baseUrl, received } = await upstream(failsFirst(1));
      const error = await failureOf(callRoute(postThing, {}, { baseUrl }, { retry: FAST_RETRY }));
      expect(error).toMatchObject({ kind: 'unavailable', code: 'THING_BUSY', status: 503 });
      expect(received).toHaveLength(1);
    });

    it('does not retry a refusal', async () => {
      const { baseUrl, received } = await upstream((_request, response) => sendProblem(response, 400, 'THING_INVALID'));
      const error = await failureOf(callRoute(getThing, {}, { baseUrl }, { retry: FAST_RETRY }));
      expect(error).toMatchObject({ kind: 'refused', code: 'THING_INVALID' });
      expect(received).toHaveLength(1);
    });

    it('makes at most the attempts of the policy, then throws the last failure', async () => {
      const { baseUrl, received } = await upstream(failsFirst(Infinity));
      const error = await failureOf(callRoute(getThing, {}, { baseUrl }, { retry: { ...FAST_RETRY, attempts: 4 } }));
      expect(error).toMatchObject({ kind: 'unavailable', code: 'THING_BUSY', status: 503 });
      expect(received).toHaveLength(4);
    });

    it('starts no retry after the deadline', async () => {
      const receivedAt: number[] = [];
      const { baseUrl } = await upstream((_request, response) => {
        receivedAt.push(performance.now());
        sendProblem(response, 503, 'THING_BUSY');
      });
      const policy: RetryPolicy = { attempts: 1_000, initialDelayMs: 5, maxDelayMs: 100, deadlineMs: 150 };
      const { result, elapsedMs } = await timed(() =>
        failureOf(callRoute(getThing, {}, { baseUrl }, { retry: policy })),
      );
      expect(result).toMatchObject({ code: 'THING_BUSY' });
      expect(receivedAt.length).toBeGreaterThan(1);
      expect(receivedAt.length).toBeLessThan(1_000);
      const networkSlackMs = 25;
      expect(Math.max(...receivedAt) - (receivedAt[0] ?? 0)).toBeLessThanOrEqual(150 + networkSlackMs);
      expect(elapsedMs).toBeLessThan(150 + 100 + 500);
    });

    it('does not start a retry whose backoff ends past the deadline', async () => {
      vi.spyOn(Math, 'random').mockReturnValue(1);
      const { baseUrl, received } = await upstream(failsFirst(1));
      const policy: RetryPolicy = { attempts: 3, initialDelayMs: 300, maxDelayMs: 300, deadlineMs: 100 };
      const error = await failureOf(callRoute(getThing, {}, { baseUrl }, { retry: policy }));
      expect(error).toMatchObject({ code: 'THING_BUSY' });
      expect(received).toHaveLength(1);
    });
  });
});

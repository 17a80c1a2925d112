import { registryRoutes } from '@mlops/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../web/api/api-error.js';
import { callRoute } from '../web/api/call-route.js';
import { downServices } from '../web/app/service-status.js';
import { session, signedOutReason } from '../web/app/session.js';

/*
 * The dashboard's fetch layer against answers as the reporter's proxy gives them (fetch is the
 * browser's; here a recorded stand-in): typed answers parsed by the descriptor, problems as
 * ApiError, the service banner and the sign-out on a refused key.
 */

const calls: { url: string; init: RequestInit }[] = [];

function answer(status: number, body: unknown, type = 'application/json'): void {
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': type } }));
  });
}

const problem = (status: number, code: string, detail: string) => ({
  type: 'about:blank',
  title: 'Refused',
  status,
  code,
  detail,
});

afterEach(() => {
  vi.unstubAllGlobals();
  calls.length = 0;
});

describe('callRoute', () => {
  it('calls the proxy URL of the descriptor and returns the answer parsed by its schema', async () => {
    answer(200, { name: 'm', createdAt: '2026-01-01T00:00:00.000Z', latestVersion: 2, aliases: { production: 1 } });
    const model = await callRoute(registryRoutes.models.get, { params: { name: 'm' } });
    expect(model.aliases).toEqual({ production: 1 });
    expect(calls[0]?.url).toBe('/ui/api/dl-trainer/v1/models/m');
    expect(new Headers(calls[0]?.init.headers).get('x-mlops-ui')).toBeNull();
  });

  it('sends the JSON body and the x-mlops-ui header on calls that change data', async () => {
    const move = {
      name: 'm',
      alias: 'production',
      sequence: 2,
      version: 1,
      previousVersion: 2,
      movedBy: 'mara',
      reason: 'roll back',
      movedAt: '2026-01-01T00:00:00.000Z',
    };
    answer(200, move);
    await callRoute(registryRoutes.aliases.put, {
      params: { name: 'm', alias: 'production' },
      body: { version: 1, reason: 'roll back' },
    });
    const headers = new Headers(calls[0]?.init.headers);
    expect(calls[0]?.init.method).toBe('PUT');
    expect(headers.get('x-mlops-ui')).toBe('1');
    expect(JSON.parse(calls[0]?.init.body as string)).toEqual({ version: 1, reason: 'roll back' });
  });

  it('throws the problem of a refusal as ApiError; a 404 is "not found"', async () => {
    answer(404, problem(404, 'REGISTRY_MODEL_NOT_FOUND', 'no model x'), 'application/problem+json');
    const error = await callRoute(registryRoutes.models.get, { params: { name: 'x' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).notFound).toBe(true);
    expect((error as ApiError).message).toBe('no model x');
  });

  it('puts a service that does not answer in the banner, and takes it out once it answers', async () => {
    answer(503, problem(503, 'UI_SERVICE_UNAVAILABLE', 'dl-trainer does not answer'), 'application/problem+json');
    const error = await callRoute(registryRoutes.models.list).catch((e: unknown) => e);
    expect((error as ApiError).serviceDown).toBe(true);
    expect(downServices.value.has('dl-trainer')).toBe(true);
    answer(200, { items: [] });
    await callRoute(registryRoutes.models.list);
    expect(downServices.value.has('dl-trainer')).toBe(false);
  });

  it('signs out with the reason when the key is refused', async () => {
    session.value = { owner: 'mara', keyPrefix: 'abcdefgh', scopes: ['read'] };
    answer(401, problem(401, 'AUTH_INVALID_KEY', 'The key is unknown, malformed, expired or revoked.'));
    await expect(callRoute(registryRoutes.models.list)).rejects.toBeInstanceOf(ApiError);
    expect(session.value).toBeNull();
    expect(signedOutReason.value).toContain('revoked');
  });

  it('describes an answer without a problem body', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('<html>bad gateway</html>', { status: 502 })));
    const error = (await callRoute(registryRoutes.models.list).catch((e: unknown) => e)) as ApiError;
    expect(error.problem).toMatchObject({ status: 502, code: 'UI_BAD_ANSWER' });
  });
});

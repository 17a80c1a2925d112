import { describe, expect, it } from 'vitest';
import { remoteVerifier } from './remote-verifier.js';

const SERVICE_KEY = `mlk_service0000_${'S'.repeat(43)}`;

function answering(status: number, body: unknown): { fetch: typeof fetch; seen: Request[] } {
  const seen: Request[] = [];
  const fake = (input: string | URL | Request, init?: RequestInit) => {
    seen.push(new Request(input, init));
    return Promise.resolve(
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
    );
  };
  return { fetch: fake, seen };
}

describe('remoteVerifier', () => {
  it('posts the key to introspect with its own key and answers the caller', async () => {
    const identity = { owner: 'ada', scopes: ['read'], keyPrefix: 'ada00000', expiresAt: null };
    const { fetch, seen } = answering(200, identity);
    const verifier = remoteVerifier({ baseUrl: 'http://fs:4001/', apiKey: SERVICE_KEY, fetch });
    expect(await verifier.verify('the-key')).toEqual({ owner: 'ada', keyPrefix: 'ada00000', scopes: ['read'] });
    const [request] = seen;
    expect(request?.url).toBe('http://fs:4001/v1/keys/introspect');
    expect(request?.headers.get('authorization')).toBe(`Bearer ${SERVICE_KEY}`);
    expect(await request?.json()).toEqual({ key: 'the-key' });
  });

  it('answers nothing for a refused or malformed key', async () => {
    const refused = answering(401, { code: 'KEYS_KEY_REFUSED' });
    expect(await remoteVerifier({ baseUrl: 'http://fs', apiKey: SERVICE_KEY, ...refused }).verify('k')).toBeUndefined();
    const malformed = answering(400, { code: 'HTTP_VALIDATION_FAILED' });
    expect(
      await remoteVerifier({ baseUrl: 'http://fs', apiKey: SERVICE_KEY, ...malformed }).verify('k'),
    ).toBeUndefined();
  });

  it('throws when its own key is refused, lacks introspect, or the owner fails', async () => {
    const own = answering(401, { code: 'AUTH_INVALID_KEY' });
    await expect(remoteVerifier({ baseUrl: 'http://fs', apiKey: SERVICE_KEY, ...own }).verify('k')).rejects.toThrow(
      /own API_KEY/,
    );
    const scope = answering(403, { code: 'AUTH_MISSING_SCOPE' });
    await expect(remoteVerifier({ baseUrl: 'http://fs', apiKey: SERVICE_KEY, ...scope }).verify('k')).rejects.toThrow(
      /introspect scope/,
    );
    const down = answering(502, {});
    await expect(remoteVerifier({ baseUrl: 'http://fs', apiKey: SERVICE_KEY, ...down }).verify('k')).rejects.toThrow(
      /502/,
    );
  });
});

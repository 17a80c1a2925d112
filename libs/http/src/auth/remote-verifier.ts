import { keyIdentitySchema, keyRoutes } from '@mlops/contracts';
import type { Caller, KeyVerifier } from './caller.js';
import { authErrors } from './auth-errors.js';

/** Where the key owner (feature-store) answers, and the key this service presents to it. */
export interface RemoteVerifierOptions {
  readonly baseUrl: string;
  /** This service's own key; it must hold `introspect`. */
  readonly apiKey: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/**
 * Verifies keys by asking feature-store (`keyRoutes.introspect`) with this service's own key:
 * 200 is a caller, 401 `KEYS_KEY_REFUSED` a refused key, anything else (this service's own key refused included, or no answer) an error, so the request gets a
 * 503 rather than a wrong 401. Plain fetch over the descriptor: libs/http does not depend on the clients.
 */
export function remoteVerifier(options: RemoteVerifierOptions): KeyVerifier {
  const url = `${options.baseUrl.replace(/\/$/, '')}${keyRoutes.introspect.path}`;
  const send = options.fetch ?? fetch;
  return {
    async verify(key): Promise<Caller | undefined> {
      const response = await send(url, {
        method: keyRoutes.introspect.method,
        headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ key }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
      if (response.status === 400) {
        await response.body?.cancel();
        return undefined;
      }
      if (response.status === 401) {
        const problem = (await response.json().catch(() => ({}))) as { code?: unknown };
        if (problem.code === authErrors.keyRefused.code) return undefined;
        throw new Error(`the key owner refused this service's own API_KEY (${String(problem.code)})`);
      }
      if (response.status === 403) {
        await response.body?.cancel();
        throw new Error("this service's own API_KEY lacks the introspect scope");
      }
      if (response.status !== 200) {
        await response.body?.cancel();
        throw new Error(`key introspection answered ${response.status}`);
      }
      const identity = keyIdentitySchema.parse(await response.json());
      return { owner: identity.owner, keyPrefix: identity.keyPrefix, scopes: identity.scopes };
    },
  };
}

import { hash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Caller, KeyVerifier } from './caller.js';

/** Bounds of the cache of verified keys. */
export interface KeyCacheOptions {
  /** How long a verified key is trusted without asking again; revocation waits at most this long. */
  readonly ttlMs?: number;
  /** How long a refused key is refused without asking again (a flood of bad keys costs one check each). */
  readonly failureTtlMs?: number;
  readonly maxEntries?: number;
  /** Milliseconds clock (tests). */
  readonly now?: () => number;
}

/** The longest a verified key is cached: revoking a key reaches every service within this. */
export const MAX_KEY_CACHE_TTL_MS = 5000;

type Verdict = { readonly caller: Caller } | { readonly caller: undefined };

/**
 * Wraps a verifier with a bounded LRU keyed by the key's sha256 (the key itself is never held):
 * valid keys for at most 5 s, refused keys briefly too (a ttl of 0 caches nothing), and
 * concurrent checks of one key share one verification.
 */
export function cachingVerifier(inner: KeyVerifier, options: KeyCacheOptions = {}): KeyVerifier {
  const ttl = Math.min(options.ttlMs ?? MAX_KEY_CACHE_TTL_MS, MAX_KEY_CACHE_TTL_MS);
  const failureTtl = Math.min(options.failureTtlMs ?? 2000, ttl);
  const cache = new LRUCache<string, Verdict>({
    max: options.maxEntries ?? 10_000,
    ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
  });
  const inFlight = new Map<string, Promise<Caller | undefined>>();
  return {
    verify(key) {
      const digest = hash('sha256', key, 'base64url');
      const cached = cache.get(digest);
      if (cached) return Promise.resolve(cached.caller);
      const pending = inFlight.get(digest);
      if (pending) return pending;
      const check = inner
        .verify(key)
        .then((caller) => {
          const lifetime = caller ? ttl : failureTtl;
          // lru-cache reads a ttl of 0 as "never expires": 0 here means "do not cache".
          if (lifetime > 0) cache.set(digest, { caller }, { ttl: lifetime });
          return caller;
        })
        .finally(() => inFlight.delete(digest));
      inFlight.set(digest, check);
      return check;
    },
  };
}

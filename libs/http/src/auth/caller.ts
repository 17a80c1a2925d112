import type { Scope } from '@mlops/contracts';

/** Who is calling: the owner of the key the request carried, recorded in audits. */
export interface Caller {
  readonly owner: string;
  readonly keyPrefix: string;
  readonly scopes: readonly Scope[];
}

/**
 * Checks a presented key. Resolves the caller for a valid key, `undefined` for a key that is
 * unknown, malformed, expired or revoked; rejects only when it cannot tell (the key owner is down).
 */
export interface KeyVerifier {
  verify(key: string): Promise<Caller | undefined>;
}

/** Whether a caller may use a route needing `scope`: `admin` implies every scope. */
export function holdsScope(caller: Caller, scope: Scope): boolean {
  return caller.scopes.includes(scope) || caller.scopes.includes('admin');
}

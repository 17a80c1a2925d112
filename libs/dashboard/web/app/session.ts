import type { Scope, UiSession } from '@mlops/contracts';
import { signal } from '@preact/signals';

/** The signed-in key's owner and scopes; `undefined` while the first check runs, `null` when signed out. */
export const session = signal<UiSession | null | undefined>(undefined);

/** Why the person was signed out (a refused or revoked key), shown on the sign-in page. */
export const signedOutReason = signal<string | undefined>(undefined);

/** Whether the signed-in key may do what `scope` allows (`admin` implies every scope): pages offer only such actions. */
export function can(scope: Scope): boolean {
  const scopes = session.value?.scopes ?? [];
  return scopes.includes(scope) || scopes.includes('admin');
}

/** Ends the session locally after the server refused its key; the sign-in page shows `reason`. */
export function expireSession(reason: string): void {
  signedOutReason.value = reason;
  session.value = null;
}

import { UI_CSRF_HEADER, uiRoutes, uiSessionSchema, type UiSession } from '@mlops/contracts';
import { ApiError } from '../api/api-error.js';
import { session, signedOutReason } from './session.js';

async function refusal(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as { detail?: string; title?: string; code?: string };
  return new ApiError(
    {
      type: 'about:blank',
      title: body.title ?? 'Sign-in failed',
      status: response.status,
      code: body.code ?? 'UI_SIGN_IN_FAILED',
      detail: body.detail ?? body.title ?? `The server answered ${response.status}.`,
    },
    'reporter',
  );
}

/** Asks who is signed in (the cookie is HttpOnly: only the server knows); signed out when the key was refused since. */
export async function loadSession(): Promise<void> {
  try {
    const response = await fetch(uiRoutes.session.path, { credentials: 'same-origin' });
    if (response.ok) {
      session.value = uiSessionSchema.parse(await response.json());
      return;
    }
    const error = await refusal(response);
    if (error.problem.code !== 'UI_NOT_SIGNED_IN') signedOutReason.value = error.message;
  } catch {
    signedOutReason.value = 'The dashboard server does not answer.';
  }
  session.value = null;
}

/** Signs in with an API key; the server keeps the key in an HttpOnly cookie. Throws `ApiError` with the reason of a refusal. */
export async function signIn(key: string): Promise<UiSession> {
  const response = await fetch(uiRoutes.signIn.path, {
    method: uiRoutes.signIn.method,
    headers: { 'content-type': 'application/json', [UI_CSRF_HEADER]: '1' },
    credentials: 'same-origin',
    body: JSON.stringify({ key }),
  });
  if (!response.ok) throw await refusal(response);
  const signedIn = uiSessionSchema.parse(await response.json());
  signedOutReason.value = undefined;
  session.value = signedIn;
  return signedIn;
}

/** Signs out (the server clears the cookie). */
export async function signOut(): Promise<void> {
  await fetch(uiRoutes.signOut.path, {
    method: uiRoutes.signOut.method,
    headers: { [UI_CSRF_HEADER]: '1' },
    credentials: 'same-origin',
  });
  signedOutReason.value = undefined;
  session.value = null;
}

import { useState } from 'preact/hooks';
import { ProblemMessage } from '../ui/problem-message.js';
import { useAction } from '../ui/use-resource.js';
import { signIn } from './session-api.js';
import { signedOutReason } from './session.js';

/** Sign-in with an API key: the reporter checks it and keeps it in an HttpOnly cookie; a refused key shows why. */
export function SignInPage() {
  const [key, setKey] = useState('');
  const action = useAction();
  const reason = signedOutReason.value;
  const submit = (event: Event) => {
    event.preventDefault();
    void action.run(() => signIn(key.trim()));
  };
  return (
    <main id="main" class="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to the MLOps suite</h1>
        {reason && !action.error ? (
          <p role="alert" class="problem">
            {reason}
          </p>
        ) : null}
        <label for="api-key">API key</label>
        <input
          id="api-key"
          name="key"
          type="password"
          autocomplete="off"
          spellcheck={false}
          placeholder="mlk_…"
          required
          value={key}
          onInput={(event) => setKey(event.currentTarget.value)}
          aria-describedby="api-key-help sign-in-error"
          aria-invalid={action.error ? true : undefined}
        />
        <p id="api-key-help" class="help">
          The key stays on the server in an HttpOnly cookie; pages never read it. Get one with{' '}
          <code>scripts/up key</code> or from your administrator.
        </p>
        <ProblemMessage error={action.error} id="sign-in-error" />
        <button type="submit" disabled={action.pending}>
          {action.pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

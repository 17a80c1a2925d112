import { useEffect } from 'preact/hooks';
import { Layout } from './layout.js';
import { PageHost } from './page-host.js';
import { currentUrl, navigate } from './router.js';
import { loadSession } from './session-api.js';
import { session } from './session.js';
import { SignInPage } from './sign-in-page.js';

/** The dashboard: the sign-in page until a key is accepted, then the page of the URL inside the layout. */
export function App() {
  useEffect(() => {
    void loadSession();
  }, []);
  useEffect(() => {
    if (currentUrl.value.pathname === '/') navigate('/runs', { replace: true });
  }, [currentUrl.value.pathname]);
  if (session.value === undefined)
    return (
      <p role="status" class="loading">
        Loading…
      </p>
    );
  if (session.value === null) return <SignInPage />;
  return (
    <Layout>
      <PageHost />
    </Layout>
  );
}

import type { ComponentChildren } from 'preact';
import { NAV } from '../pages/nav.js';
import { Link } from '../ui/link.js';
import { currentUrl } from './router.js';
import { downServices } from './service-status.js';
import { signOut } from './session-api.js';
import { session } from './session.js';

function ServiceBanner() {
  const down = [...downServices.value];
  if (down.length === 0) return null;
  return (
    <div role="alert" class="banner">
      {down.length === 1 ? 'Service' : 'Services'} <strong>{down.join(', ')}</strong>{' '}
      {down.length === 1 ? 'does' : 'do'} not answer: what needs {down.length === 1 ? 'it' : 'them'} is missing below,
      the rest keeps working.
    </div>
  );
}

/** The frame of every page: skip link, header with the navigation and the signed-in owner, the service banner, the page. */
export function Layout({ children }: { readonly children: ComponentChildren }) {
  const path = currentUrl.value.pathname;
  const who = session.value;
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <Link href="/runs" class="brand">
          MLOps suite
        </Link>
        <nav aria-label="Sections">
          <ul>
            {NAV.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={path.startsWith(item.href) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {who ? (
          <div class="who">
            <span title={`key ${who.keyPrefix}: ${who.scopes.join(', ')}`}>{who.owner}</span>
            <button type="button" class="link" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        ) : null}
      </header>
      <ServiceBanner />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

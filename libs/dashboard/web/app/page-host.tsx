import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { PageProps, PageRoute } from '../pages/page.js';
import { PAGES } from '../pages/registry.js';
import { NotFoundPage } from './not-found-page.js';
import { matchPath } from './match-path.js';
import { currentUrl } from './router.js';

function matching(path: string): { route: PageRoute; params: Record<string, string> } | undefined {
  for (const route of PAGES) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return undefined;
}

/** The page of the current URL, its code loaded on first visit; the not-found page for an unknown URL. */
export function PageHost() {
  const url = currentUrl.value;
  const found = matching(url.pathname);
  const [loaded, setLoaded] = useState<{ route: PageRoute; page: ComponentType<PageProps> } | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!found || loaded?.route === found.route) return;
    let current = true;
    setFailure(undefined);
    found.route.load().then(
      (page) => current && setLoaded({ route: found.route, page }),
      (error: unknown) => current && setFailure(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      current = false;
    };
  }, [found?.route]);
  useEffect(() => {
    (document.getElementById('page-title') ?? document.getElementById('main'))?.focus({ preventScroll: true });
  }, [url.pathname, loaded?.route]);
  if (!found) return <NotFoundPage />;
  if (failure)
    return (
      <p role="alert" class="problem">
        This page could not be loaded ({failure}). Reload to try again.
      </p>
    );
  if (loaded?.route !== found.route)
    return (
      <p role="status" class="loading">
        Loading…
      </p>
    );
  const Page = loaded.page;
  return <Page params={found.params} query={url.searchParams} />;
}

import type { ComponentType } from 'preact';

/** What a page receives: the URL's path parameters and its query. */
export interface PageProps {
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
}

/** One page URL pattern (`/models/:name`) and how its code is loaded (a chunk of its own, fetched on first visit). */
export interface PageRoute {
  readonly path: string;
  readonly load: () => Promise<ComponentType<PageProps>>;
}

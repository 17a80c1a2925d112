import { signal } from '@preact/signals';

/** The current URL (path and query) of the dashboard; pages re-render when it changes. */
export const currentUrl = signal(new URL(window.location.href));

/** Goes to a dashboard URL without reloading (history API); `replace` keeps the history length. */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  const url = new URL(href, window.location.href);
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  currentUrl.value = url;
  window.scrollTo(0, 0);
}

window.addEventListener('popstate', () => {
  currentUrl.value = new URL(window.location.href);
});

/** Path parameters of a pattern (`/models/:name`) matched against a path, or undefined when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const wanted = pattern.split('/').filter(Boolean);
  const given = path.split('/').filter(Boolean);
  if (wanted.length !== given.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of wanted.entries()) {
    const value = given[index] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(value);
    else if (part !== value) return undefined;
  }
  return params;
}

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

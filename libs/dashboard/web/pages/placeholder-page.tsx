import { NAV } from './nav.js';
import type { PageProps } from './page.js';
import { currentUrl } from '../app/router.js';
import { PageTitle } from '../ui/page-title.js';

/** Stands for a page whose area is still being built. */
export function PlaceholderPage(_props: PageProps) {
  const section = NAV.find((item) => currentUrl.value.pathname.startsWith(item.href));
  return (
    <section aria-labelledby="page-title">
      <PageTitle text={section?.label ?? 'Page'} />
      <p>This page is being built.</p>
    </section>
  );
}

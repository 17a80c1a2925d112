import { PlaceholderPage } from '../placeholder-page.js';
import type { PageProps } from '../page.js';

/** Being built. */
export function ModelPage(props: PageProps) {
  return <PlaceholderPage {...props} />;
}

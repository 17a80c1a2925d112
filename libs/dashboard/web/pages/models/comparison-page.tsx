import { PlaceholderPage } from '../placeholder-page.js';
import type { PageProps } from '../page.js';

/** Being built. */
export function ComparisonPage(props: PageProps) {
  return <PlaceholderPage {...props} />;
}

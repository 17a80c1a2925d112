import { Link } from '../ui/link.js';
import { PageTitle } from '../ui/page-title.js';

/** An unknown page URL, or an id in the URL that names nothing (never a blank screen). */
export function NotFoundPage({ what }: { readonly what?: string }) {
  return (
    <section aria-labelledby="page-title" class="not-found">
      <PageTitle text="Not found" />
      <p>{what ? `${what} does not exist, or was deleted.` : 'No page has this address.'}</p>
      <p>
        <Link href="/runs">Go to the runs</Link>
      </p>
    </section>
  );
}

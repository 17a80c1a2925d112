import { Link } from '../ui/link.js';
import { PageTitle } from '../ui/page-title.js';

/**
 * An unknown page URL (a page of its own), or an id in the URL that names nothing or something
 * deleted (`what`, shown inside the page that looked it up, under its title): never a blank screen.
 */
export function NotFoundPage({ what }: { readonly what?: string }) {
  const back = (
    <p>
      <Link href="/runs">Go to the runs</Link>
    </p>
  );
  if (what)
    return (
      <div class="not-found">
        <h2>Not found</h2>
        <p>{what} does not exist, or was deleted.</p>
        {back}
      </div>
    );
  return (
    <section aria-labelledby="page-title" class="not-found">
      <PageTitle text="Not found" />
      <p>No page has this address.</p>
      {back}
    </section>
  );
}

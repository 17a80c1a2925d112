import type { ComponentChildren } from 'preact';
import { NotFoundPage } from '../app/not-found-page.js';
import { ProblemMessage } from './problem-message.js';
import type { Resource } from './use-resource.js';

/**
 * Renders loaded data with `children`, a loading line while it loads, the not-found page when the
 * URL's id names nothing (`what` says which), and the problem (a service down included) otherwise.
 */
export function ResourceView<T>({
  resource,
  what,
  id,
  children,
}: {
  readonly resource: Resource<T>;
  readonly what: string;
  readonly id: string;
  readonly children: (data: T) => ComponentChildren;
}) {
  if (resource.error?.notFound) return <NotFoundPage what={what} />;
  if (resource.error) return <ProblemMessage error={resource.error} id={id} />;
  if (resource.data === undefined)
    return (
      <p role="status" class="loading">
        Loading {what}…
      </p>
    );
  return <>{children(resource.data)}</>;
}

import { featureStoreRoutes } from '@mlops/contracts';
import { callRoute } from '../../api/call-route.js';
import { can } from '../../app/session.js';
import { ProblemMessage } from '../../ui/problem-message.js';
import { useAction } from '../../ui/use-resource.js';

/** Sends a failed document through processing again; offered only to keys with the `ingest` scope. */
export function RetryButton({ id, onDone }: { readonly id: string; readonly onDone: () => void }) {
  const action = useAction();
  if (!can('ingest')) return null;
  const errorId = `retry-error-${id}`;
  return (
    <span class="docs-retry">
      <button
        type="button"
        class="secondary"
        aria-label={`Retry document ${id}`}
        aria-describedby={errorId}
        disabled={action.pending}
        onClick={() =>
          void action
            .run(() => callRoute(featureStoreRoutes.processing.retry, { params: { id } }))
            .then((done) => {
              if (done) onDone();
            })
        }
      >
        {action.pending ? 'Retrying…' : 'Retry'}
      </button>
      <ProblemMessage error={action.error} id={errorId} />
    </span>
  );
}

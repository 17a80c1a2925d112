import { featureStoreRoutes } from '@mlops/contracts';
import { ApiError } from '../../api/api-error.js';
import { callRoute } from '../../api/call-route.js';
import { routeUrl } from '../../api/route-path.js';
import type { PageProps } from '../page.js';
import { Link } from '../../ui/link.js';
import { PageTitle } from '../../ui/page-title.js';
import { ResourceView } from '../../ui/resource-view.js';
import { useResource } from '../../ui/use-resource.js';
import { formatBytes, formatWhen } from './format.js';
import { RetryButton } from './retry-button.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/documents/:id`: one document's status, source, metadata, labels (who, when, revision), failure and retry. */
export function DocumentPage({ params }: PageProps) {
  const id = params.id ?? '';
  const document = useResource(
    (signal) =>
      UUID.test(id)
        ? callRoute(featureStoreRoutes.documents.get, { params: { id }, signal })
        : Promise.reject(
            new ApiError(
              { type: 'about:blank', title: 'Not found', status: 404, code: 'UI_NOT_A_DOCUMENT_ID', detail: id },
              'feature-store',
            ),
          ),
    [id],
  );
  return (
    <section aria-labelledby="page-title">
      <ResourceView resource={document} what={`Document ${id}`} id="document-error">
        {(doc) => (
          <>
            <PageTitle text={`Document ${doc.source.filename ?? doc.id.slice(0, 8)}`} />
            <p>
              <Link href="/documents">All documents</Link>
            </p>
            <dl class="docs-facts">
              <dt>Id</dt>
              <dd>
                <code>{doc.id}</code>
              </dd>
              <dt>Status</dt>
              <dd>
                <span class={`chip ${doc.status}`}>{doc.status}</span> after {doc.attempts} attempt
                {doc.attempts === 1 ? '' : 's'}
              </dd>
              {doc.error ? (
                <>
                  <dt>Reason</dt>
                  <dd data-testid="failure-reason">
                    <code>{doc.error.code}</code> {doc.error.message}{' '}
                    {doc.status === 'failed' ? <RetryButton id={doc.id} onDone={document.reload} /> : null}
                  </dd>
                </>
              ) : null}
              <dt>Source</dt>
              <dd>
                {doc.source.kind === 'text' ? 'text record' : (doc.source.filename ?? 'file')},{' '}
                {doc.source.detectedType}, {formatBytes(doc.source.size)} ·{' '}
                <a href={routeUrl(featureStoreRoutes.documents.content, { id: doc.id })} download>
                  Download
                </a>
              </dd>
              {doc.textLength !== undefined ? (
                <>
                  <dt>Text</dt>
                  <dd>
                    {doc.textLength} characters{doc.language ? `, language ${doc.language}` : ''}
                  </dd>
                </>
              ) : null}
              <dt>Added</dt>
              <dd>{formatWhen(doc.createdAt)}</dd>
              <dt>Updated</dt>
              <dd>{formatWhen(doc.updatedAt)}</dd>
            </dl>
            <h2>Labels</h2>
            {Object.keys(doc.labels).length === 0 ? (
              <p>No label yet.</p>
            ) : (
              <table aria-label="Labels">
                <thead>
                  <tr>
                    <th scope="col">Task</th>
                    <th scope="col">Label</th>
                    <th scope="col">By</th>
                    <th scope="col">When</th>
                    <th scope="col" class="num">
                      Revision
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(doc.labels).map(([task, label]) => (
                    <tr key={task}>
                      <th scope="row">
                        <Link href={`/labelling?task=${encodeURIComponent(task)}`}>{task}</Link>
                      </th>
                      <td>{label.label}</td>
                      <td>{label.by}</td>
                      <td>{formatWhen(label.at)}</td>
                      <td class="num">{label.revision}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <h2>Metadata</h2>
            {Object.keys(doc.metadata).length === 0 ? (
              <p>None.</p>
            ) : (
              <dl class="docs-facts">
                {Object.entries(doc.metadata).map(([key, value]) => (
                  <>
                    <dt key={`k-${key}`}>{key}</dt>
                    <dd key={`v-${key}`}>{String(value)}</dd>
                  </>
                ))}
              </dl>
            )}
          </>
        )}
      </ResourceView>
    </section>
  );
}

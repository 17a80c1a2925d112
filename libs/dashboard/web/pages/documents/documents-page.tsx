import { featureStoreRoutes, type RouteAnswer } from '@mlops/contracts';
import { callRoute } from '../../api/call-route.js';
import type { PageProps } from '../page.js';
import { Link } from '../../ui/link.js';
import { PageTitle } from '../../ui/page-title.js';
import { ResourceView } from '../../ui/resource-view.js';
import { useResource } from '../../ui/use-resource.js';
import { DocumentFiltersForm, documentsHref, type DocumentFilters } from './document-filters.js';
import { formatBytes, formatWhen } from './format.js';
import { RetryButton } from './retry-button.js';

type DocumentView = RouteAnswer<typeof featureStoreRoutes.documents.get>;
const STATUSES = new Set(['received', 'processing', 'ready', 'failed']);

function nameOf(doc: DocumentView): string {
  return doc.source.filename ?? `${doc.source.kind === 'text' ? 'text' : 'file'} ${doc.id.slice(0, 8)}`;
}

/**
 * `/documents?status=&task=&label=&cursor=`: documents newest first, filtered by status and by a
 * task's label; failed ones show their reason and a Retry button (keys with `ingest`).
 */
export function DocumentsPage({ query }: PageProps) {
  const rawStatus = query.get('status') ?? '';
  const filters: DocumentFilters = {
    status: STATUSES.has(rawStatus) ? rawStatus : '',
    task: query.get('task') ?? '',
    label: query.get('label') ?? '',
  };
  const cursor = query.get('cursor') ?? undefined;
  const documents = useResource(
    (signal) =>
      callRoute(featureStoreRoutes.documents.list, {
        query: {
          limit: 50,
          ...(filters.status ? { status: filters.status as DocumentView['status'] } : {}),
          ...(filters.task ? { task: filters.task } : {}),
          ...(filters.task && filters.label ? { label: filters.label } : {}),
          ...(cursor ? { cursor } : {}),
        },
        signal,
      }),
    [filters.status, filters.task, filters.label, cursor],
  );
  const failedOnly = filters.status === 'failed';
  return (
    <section aria-labelledby="page-title">
      <PageTitle text={failedOnly ? 'Failed documents' : 'Documents'} />
      <DocumentFiltersForm key={`${filters.status}|${filters.task}|${filters.label}`} filters={filters} />
      <p>
        {failedOnly ? (
          <Link href={documentsHref({ ...filters, status: '' })}>All documents</Link>
        ) : (
          <Link href={documentsHref({ ...filters, status: 'failed' })}>Failed documents and their reasons</Link>
        )}
      </p>
      <ResourceView resource={documents} what="the documents" id="documents-error">
        {(page) =>
          page.items.length === 0 ? (
            <p data-testid="documents-empty">
              {failedOnly ? 'No document failed.' : 'No document matches these filters.'}
            </p>
          ) : (
            <>
              <table class="docs-table" aria-label={failedOnly ? 'Failed documents' : 'Documents'}>
                <thead>
                  <tr>
                    <th scope="col">Document</th>
                    <th scope="col">Status</th>
                    <th scope="col">Type</th>
                    <th scope="col" class="num">
                      Size
                    </th>
                    <th scope="col">Labels</th>
                    <th scope="col">Added</th>
                    {failedOnly ? <th scope="col">Reason</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((doc) => (
                    <tr key={doc.id} data-document-id={doc.id} data-status={doc.status}>
                      <th scope="row">
                        <Link href={`/documents/${doc.id}`}>{nameOf(doc)}</Link>
                      </th>
                      <td>
                        <span class={`chip ${doc.status}`}>{doc.status}</span>
                        {doc.error && !failedOnly ? (
                          <div class="muted">
                            <code title={doc.error.message}>{doc.error.code}</code>
                          </div>
                        ) : null}
                        {doc.status === 'failed' && !failedOnly ? (
                          <RetryButton id={doc.id} onDone={documents.reload} />
                        ) : null}
                      </td>
                      <td>{doc.source.detectedType}</td>
                      <td class="num">{formatBytes(doc.source.size)}</td>
                      <td>
                        {Object.entries(doc.labels).map(([task, label]) => (
                          <span key={task} class="chip">
                            {task}: {label.label}
                          </span>
                        ))}
                      </td>
                      <td>{formatWhen(doc.createdAt)}</td>
                      {failedOnly ? (
                        <td class="docs-reason">
                          {doc.error ? (
                            <>
                              <code>{doc.error.code}</code> {doc.error.message}
                            </>
                          ) : null}{' '}
                          <RetryButton id={doc.id} onDone={documents.reload} />
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
              <div role="navigation" aria-label="Pages of documents" class="pager">
                {cursor ? <Link href={documentsHref(filters)}>First page</Link> : null}{' '}
                {page.nextCursor ? <Link href={documentsHref(filters, page.nextCursor)}>Next page</Link> : null}
              </div>
            </>
          )
        }
      </ResourceView>
    </section>
  );
}

import { featureStoreRoutes, type DatasetVersion, type RouteAnswer } from '@mlops/contracts';
import { callRoute } from '../../api/call-route.js';
import { navigate } from '../../app/router.js';
import { NotFoundPage } from '../../app/not-found-page.js';
import { can } from '../../app/session.js';
import { Link } from '../../ui/link.js';
import { PageTitle } from '../../ui/page-title.js';
import { ProblemMessage } from '../../ui/problem-message.js';
import { ResourceView } from '../../ui/resource-view.js';
import { useAction, useResource } from '../../ui/use-resource.js';
import type { PageProps } from '../page.js';
import { describeAdapter, describeFilterer, formatDate } from './dataset-format.js';
import { DatasetVersionView } from './dataset-version-view.js';

/** A dataset definition as feature-store answers it. */
type Dataset = RouteAnswer<typeof featureStoreRoutes.datasets.get>;

interface DatasetData {
  readonly dataset: Dataset;
  readonly versions: readonly DatasetVersion[];
}

async function loadDataset(name: string, signal: AbortSignal): Promise<DatasetData> {
  const [dataset, versions] = await Promise.all([
    callRoute(featureStoreRoutes.datasets.get, { params: { name }, signal }),
    callRoute(featureStoreRoutes.datasets.versions, { params: { name }, signal }),
  ]);
  return { dataset, versions: [...versions.items].sort((a, b) => b.version - a.version) };
}

function Definition({ dataset }: { readonly dataset: Dataset }) {
  const { filter } = dataset;
  return (
    <dl class="facts" aria-label="Definition">
      <dt>Task</dt>
      <dd>{dataset.task}</dd>
      {dataset.description ? (
        <>
          <dt>Description</dt>
          <dd>{dataset.description}</dd>
        </>
      ) : null}
      <dt>Selects</dt>
      <dd>
        documents labelled for {dataset.task}
        {filter.labels ? ` with ${filter.labels.join(', ')}` : ''}
        {filter.metadata ? ` and metadata ${JSON.stringify(filter.metadata)}` : ''}
      </dd>
      <dt>Adapters</dt>
      <dd>
        {dataset.adapters.length === 0 ? (
          'none'
        ) : (
          <ol>
            {dataset.adapters.map((adapter, index) => (
              <li key={index}>{describeAdapter(adapter)}</li>
            ))}
          </ol>
        )}
      </dd>
      <dt>Filterers</dt>
      <dd>
        {dataset.filterers.length === 0 ? (
          'none'
        ) : (
          <ol>
            {dataset.filterers.map((filterer, index) => (
              <li key={index}>{describeFilterer(filterer)}</li>
            ))}
          </ol>
        )}
      </dd>
      <dt>Defined</dt>
      <dd>{formatDate(dataset.createdAt)}</dd>
    </dl>
  );
}

function FreezeButton({ name, onFrozen }: { readonly name: string; readonly onFrozen: (version: number) => void }) {
  const freeze = useAction();
  return (
    <div class="freeze">
      <button
        type="button"
        disabled={freeze.pending}
        aria-describedby="freeze-error"
        onClick={() =>
          void freeze.run(async () => {
            const frozen = await callRoute(featureStoreRoutes.datasets.freeze, { params: { name } });
            onFrozen(frozen.version);
          })
        }
      >
        {freeze.pending ? 'Freezing…' : 'Freeze a new version'}
      </button>
      <ProblemMessage error={freeze.error} id="freeze-error" />
    </div>
  );
}

/**
 * `/datasets/:name` and `/datasets/:name/versions/:version`: the definition (query, adapters,
 * filterers), its versions, and one version's label distribution and what each step dropped;
 * a Freeze button for keys holding `train` (the refusal shown beside it).
 */
export function DatasetPage({ params }: PageProps) {
  const name = params.name ?? '';
  const wanted = params.version === undefined ? undefined : Number(params.version);
  const resource = useResource((signal) => loadDataset(name, signal), [name]);
  const onFrozen = (version: number) => {
    navigate(`/datasets/${encodeURIComponent(name)}/versions/${version}`);
    resource.reload();
  };
  return (
    <section aria-labelledby="page-title">
      <p class="muted">
        <Link href="/datasets">Datasets</Link> /
      </p>
      <PageTitle text={name} />
      <ResourceView resource={resource} what={`The dataset “${name}”`} id="dataset-error">
        {({ dataset, versions }) => {
          const shown = wanted === undefined ? versions[0] : versions.find((version) => version.version === wanted);
          return (
            <>
              <Definition dataset={dataset} />
              {can('train') ? (
                <FreezeButton name={name} onFrozen={onFrozen} />
              ) : (
                <p class="muted">Your key does not hold the train scope: versions can be seen, not frozen.</p>
              )}
              <h2>Versions</h2>
              {versions.length === 0 ? (
                <p>No version is frozen yet.</p>
              ) : (
                <table aria-label="Versions">
                  <thead>
                    <tr>
                      <th scope="col">Version</th>
                      <th scope="col" class="num">
                        Records
                      </th>
                      <th scope="col" class="num">
                        Labels
                      </th>
                      <th scope="col">Content hash</th>
                      <th scope="col">Frozen</th>
                    </tr>
                  </thead>
                  <tbody>
                    {versions.map((version) => (
                      <tr key={version.version} aria-current={version === shown ? 'true' : undefined}>
                        <th scope="row">
                          <Link href={`/datasets/${encodeURIComponent(name)}/versions/${version.version}`}>
                            v{version.version}
                          </Link>
                        </th>
                        <td class="num">{version.recordCount}</td>
                        <td class="num">{Object.keys(version.labelDistribution).length}</td>
                        <td>
                          <code>{version.contentHash.slice(0, 12)}</code>
                        </td>
                        <td>{formatDate(version.createdAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {shown ? (
                <DatasetVersionView version={shown} />
              ) : wanted !== undefined ? (
                <NotFoundPage what={`Version ${params.version ?? ''} of “${name}”`} />
              ) : null}
            </>
          );
        }}
      </ResourceView>
    </section>
  );
}

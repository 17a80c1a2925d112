import { featureStoreRoutes } from '@mlops/contracts';
import { callRoute } from '../../api/call-route.js';
import { Link } from '../../ui/link.js';
import { PageTitle } from '../../ui/page-title.js';
import { ResourceView } from '../../ui/resource-view.js';
import { useResource } from '../../ui/use-resource.js';
import { formatDate } from './dataset-format.js';

/** `/datasets`: every dataset definition with its task, steps and latest frozen version. */
export function DatasetsPage() {
  const datasets = useResource((signal) => callRoute(featureStoreRoutes.datasets.list, { signal }), []);
  return (
    <section aria-labelledby="page-title">
      <PageTitle text="Datasets" />
      <ResourceView resource={datasets} what="the datasets" id="datasets-error">
        {(page) =>
          page.items.length === 0 ? (
            <p>No dataset is defined yet: define one with `mlops datasets create` or POST /v1/datasets.</p>
          ) : (
            <table aria-label="Datasets">
              <thead>
                <tr>
                  <th scope="col">Dataset</th>
                  <th scope="col">Task</th>
                  <th scope="col" class="num">
                    Latest version
                  </th>
                  <th scope="col" class="num">
                    Adapters
                  </th>
                  <th scope="col" class="num">
                    Filterers
                  </th>
                  <th scope="col">Defined</th>
                </tr>
              </thead>
              <tbody>
                {[...page.items]
                  .sort((a, b) => a.name.localeCompare(b.name))
                  .map((dataset) => (
                    <tr key={dataset.name}>
                      <th scope="row">
                        <Link href={`/datasets/${encodeURIComponent(dataset.name)}`}>{dataset.name}</Link>
                      </th>
                      <td>{dataset.task}</td>
                      <td class="num">{dataset.latestVersion === 0 ? 'none yet' : `v${dataset.latestVersion}`}</td>
                      <td class="num">{dataset.adapters.length}</td>
                      <td class="num">{dataset.filterers.length}</td>
                      <td>{formatDate(dataset.createdAt)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )
        }
      </ResourceView>
    </section>
  );
}

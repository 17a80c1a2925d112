import { registryRoutes } from '@mlops/contracts';
import { callRoute } from '../../api/call-route.js';
import { Link } from '../../ui/link.js';
import { PageTitle } from '../../ui/page-title.js';
import { ResourceView } from '../../ui/resource-view.js';
import { useResource } from '../../ui/use-resource.js';
import { formatDate } from './format.js';

/** `/models`: every registered model, newest first, with its latest version and where its aliases point. */
export function ModelsPage() {
  const models = useResource((signal) => callRoute(registryRoutes.models.list, { query: { limit: 200 }, signal }), []);
  return (
    <section aria-labelledby="page-title">
      <PageTitle text="Models" />
      <ResourceView resource={models} what="the models" id="models-error">
        {(page) =>
          page.items.length === 0 ? (
            <p>No model is registered yet: a finished training job registers its model here.</p>
          ) : (
            <table aria-label="Registered models">
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col" class="num">
                    Latest version
                  </th>
                  <th scope="col">Aliases</th>
                  <th scope="col">Registered</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((model) => (
                  <tr key={model.name}>
                    <th scope="row">
                      <Link href={`/models/${encodeURIComponent(model.name)}`}>{model.name}</Link>
                    </th>
                    <td class="num">v{model.latestVersion}</td>
                    <td>
                      {Object.entries(model.aliases).map(([alias, version]) => (
                        <span key={alias} class={`chip ${alias}`}>
                          {alias} → v{version}
                        </span>
                      ))}
                    </td>
                    <td>{formatDate(model.createdAt)}</td>
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

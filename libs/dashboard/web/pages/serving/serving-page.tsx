import { inferenceRoutes, type RouteAnswer } from '@mlops/contracts';
import { callRoute } from '../../api/call-route.js';
import { Link } from '../../ui/link.js';
import { PageTitle } from '../../ui/page-title.js';
import { ResourceView } from '../../ui/resource-view.js';
import { useResource } from '../../ui/use-resource.js';
import { formatDate } from '../models/format.js';

type Loaded = RouteAnswer<typeof inferenceRoutes.models.list>;

/** The roles a served model's versions play, in the order the page lists them. */
const ROLES = ['production', 'canary', 'shadow'] as const;

interface ServedModel {
  readonly name: string;
  readonly roles: Readonly<Record<string, number>>;
  readonly loadedAt: string | undefined;
  readonly inFlight: number;
}

/** The loaded versions grouped by model: which version plays which role. */
function servedModels(loaded: Loaded): ServedModel[] {
  const byName = new Map<string, ServedModel>();
  for (const item of loaded.items) {
    const current = byName.get(item.name) ?? { name: item.name, roles: {}, loadedAt: undefined, inFlight: 0 };
    const roles = { ...current.roles, ...Object.fromEntries(item.aliases.map((alias) => [alias, item.version])) };
    const loadedAt = current.loadedAt && current.loadedAt > item.loadedAt ? current.loadedAt : item.loadedAt;
    byName.set(item.name, { name: item.name, roles, loadedAt, inFlight: current.inFlight + item.inFlight });
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** `/serving`: the models this inference process serves, each version's role, and the models it could not load. */
export function ServingPage() {
  const loaded = useResource((signal) => callRoute(inferenceRoutes.models.list, { signal }), []);
  return (
    <section aria-labelledby="page-title">
      <PageTitle text="Serving" />
      <ResourceView resource={loaded} what="the served models" id="serving-error">
        {(answer) => {
          const models = servedModels(answer);
          return (
            <>
              {models.length === 0 ? (
                <p>Inference serves no model yet: list the models in its MODELS setting and promote a version.</p>
              ) : (
                <table aria-label="Served models">
                  <thead>
                    <tr>
                      <th scope="col">Model</th>
                      {ROLES.map((role) => (
                        <th scope="col" key={role}>
                          {role}
                        </th>
                      ))}
                      <th scope="col" class="num">
                        In flight
                      </th>
                      <th scope="col">Last loaded</th>
                    </tr>
                  </thead>
                  <tbody>
                    {models.map((model) => (
                      <tr key={model.name}>
                        <th scope="row">
                          <Link href={`/serving/${encodeURIComponent(model.name)}`}>{model.name}</Link>
                        </th>
                        {ROLES.map((role) => (
                          <td key={role}>
                            {model.roles[role] === undefined ? (
                              <span class="muted">none</span>
                            ) : (
                              <span class={`chip ${role}`}>v{model.roles[role]}</span>
                            )}
                          </td>
                        ))}
                        <td class="num">{model.inFlight}</td>
                        <td>{model.loadedAt ? formatDate(model.loadedAt) : '–'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {answer.missing.length > 0 ? (
                <>
                  <h2>Not loaded</h2>
                  <ul>
                    {answer.missing.map((missing) => (
                      <li key={`${missing.name}:${missing.alias}`}>
                        <strong>{missing.name}</strong> ({missing.alias}):{' '}
                        {missing.error ?? 'waiting for its first version to load'}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </>
          );
        }}
      </ResourceView>
    </section>
  );
}

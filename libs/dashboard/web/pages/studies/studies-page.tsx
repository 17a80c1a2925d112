import { studyRoutes } from '@mlops/contracts';
import { callRoute } from '../../api/call-route.js';
import { Link } from '../../ui/link.js';
import { PageTitle } from '../../ui/page-title.js';
import { ResourceView } from '../../ui/resource-view.js';
import { useResource } from '../../ui/use-resource.js';
import { formatDate } from '../models/format.js';
import { formatObjective } from './study-format.js';

/** `/studies`: every hyperparameter study, newest first, with its trial counts and best value. */
export function StudiesPage() {
  const studies = useResource((signal) => callRoute(studyRoutes.list, { query: { limit: 200 }, signal }), []);
  return (
    <section aria-labelledby="page-title">
      <PageTitle text="Studies" />
      <ResourceView resource={studies} what="the studies" id="studies-error">
        {(page) =>
          page.items.length === 0 ? (
            <p>No study yet: start one with POST /v1/studies (see the wiki's Studies page).</p>
          ) : (
            <table aria-label="Hyperparameter studies">
              <thead>
                <tr>
                  <th scope="col">Study</th>
                  <th scope="col">Model</th>
                  <th scope="col">Status</th>
                  <th scope="col">Sampler</th>
                  <th scope="col" class="num">
                    Trials
                  </th>
                  <th scope="col" class="num">
                    Complete / pruned / failed
                  </th>
                  <th scope="col" class="num">
                    Best value
                  </th>
                  <th scope="col">Started</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((study) => (
                  <tr key={study.id}>
                    <th scope="row">
                      <Link href={`/studies/${study.id}`}>{study.name ?? study.id.slice(0, 8)}</Link>
                    </th>
                    <td>{study.modelName}</td>
                    <td>
                      <span class={`chip ${study.status}`}>{study.status}</span>
                    </td>
                    <td>{study.sampler}</td>
                    <td class="num">
                      {study.trials.total}
                      {study.trials.running > 0 ? ` (${study.trials.running} running)` : ''}
                    </td>
                    <td class="num">
                      {study.trials.complete} / {study.trials.pruned} / {study.trials.failed}
                    </td>
                    <td class="num">{formatObjective(study.bestValue)}</td>
                    <td>{formatDate(study.createdAt)}</td>
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

import { inferenceRoutes } from '@mlops/contracts';
import { callRoute } from '../../api/call-route.js';
import { Link } from '../../ui/link.js';
import { PageTitle } from '../../ui/page-title.js';
import { ResourceView } from '../../ui/resource-view.js';
import { useResource } from '../../ui/use-resource.js';
import type { PageProps } from '../page.js';
import { DriftPanel } from './drift-panel.js';
import { LiveAccuracy } from './live-accuracy.js';
import { RolloutPanel } from './rollout-panel.js';
import { VersionTraffic } from './version-traffic.js';

/**
 * `/serving/:name`: one served model. Each part loads on its own, so a route that fails (or an
 * inference without it) leaves the others on the page: traffic and latency per version and role,
 * canary agreement, live accuracy from feedback, drift with its histograms, and the rollout.
 */
export function ServedModelPage({ params }: PageProps) {
  const name = params.name ?? '';
  const comparison = useResource(
    (signal) => callRoute(inferenceRoutes.models.comparison, { params: { name }, signal }),
    [name],
  );
  const accuracy = useResource(
    (signal) => callRoute(inferenceRoutes.monitoring.accuracy, { params: { name }, signal }),
    [name],
  );
  return (
    <section aria-labelledby="page-title">
      <PageTitle text={`Serving ${name}`} />
      <ResourceView resource={comparison} what={`The served model ${name}`} id="comparison-error">
        {(answer) => (
          <>
            <p>
              Figures of the inference process since it started serving each version; the registry's history is on{' '}
              <Link href={`/models/${encodeURIComponent(name)}`}>the model's page</Link>.
            </p>
            <h2 id="traffic-heading">Requests and latency per version and role</h2>
            <VersionTraffic comparison={answer} accuracy={accuracy.data} />
            <h2 id="rollout-heading">Rollout</h2>
            <RolloutPanel name={name} />
            <h2 id="accuracy-heading">Live accuracy from feedback</h2>
            <ResourceView resource={accuracy} what={`The live accuracy of ${name}`} id="accuracy-error">
              {(loaded) => <LiveAccuracy accuracy={loaded} />}
            </ResourceView>
            <h2 id="drift-heading">Drift</h2>
            <DriftPanel name={name} />
          </>
        )}
      </ResourceView>
    </section>
  );
}

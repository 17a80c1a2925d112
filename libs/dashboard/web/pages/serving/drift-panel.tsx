import { barChart, type TopLevelSpec } from '@mlops/charts';
import { inferenceRoutes, type DriftResponse } from '@mlops/contracts';
import { callRoute } from '../../api/call-route.js';
import { Chart } from '../../ui/chart.js';
import { ResourceView } from '../../ui/resource-view.js';
import { useResource } from '../../ui/use-resource.js';

type VersionDrift = DriftResponse['versions'][number];
type StatisticDrift = VersionDrift['statistics'][number];
type Bin = StatisticDrift['bins'][number];

const STATISTIC_NAMES: Readonly<Record<string, string>> = {
  predictedLabel: 'Predicted label',
  textLength: 'Text length (characters)',
  outOfVocabularyRate: 'Out-of-vocabulary rate',
};

const round = (value: number): string => String(+value.toPrecision(3));

/** Bin edges this close to 0 stand for 0 itself (a rate's "none" bin is [0, 1e-9)). */
const NEAR_ZERO = 1e-6;

/** A bin's name: its label, or its range `[from, to)` with open ends written as < and ≥ ("0" and "> 0" around zero). */
function binName(bin: Bin): string {
  if ('label' in bin) return bin.label;
  const { from, to } = bin;
  if (to !== null && Math.abs(to) < NEAR_ZERO && (from === null || Math.abs(from) < NEAR_ZERO)) return '0';
  if (from !== null && Math.abs(from) < NEAR_ZERO && to === null) return '> 0';
  if (from === null) return `< ${round(to ?? 0)}`;
  if (to === null) return `≥ ${round(from)}`;
  return `${round(from)}–${round(to)}`;
}

/** The histogram behind one statistic's PSI: the training share against the live share of each bin. */
function binsSpec(statistic: StatisticDrift): TopLevelSpec {
  const bins = statistic.bins.filter((bin) => bin.expected > 0 || bin.observed > 0);
  return {
    ...barChart(
      bins.flatMap((bin) => [
        { category: binName(bin), series: 'training', value: bin.expected },
        { category: binName(bin), series: 'live', value: bin.observed },
      ]),
      { valueTitle: 'Share of texts', percent: true, series: ['training', 'live'], labels: false },
    ),
    height: Math.max(60, bins.length * 26),
  };
}

function VersionWindow({
  drift,
  thresholds,
}: {
  readonly drift: VersionDrift;
  readonly thresholds: DriftResponse['thresholds'];
}) {
  const id = `drift-v${drift.version}-${drift.traffic}`;
  return (
    <section aria-labelledby={id} data-testid={id}>
      <h3 id={id}>
        v{drift.version} ({drift.traffic === 'shadow' ? 'shadow copies' : 'served traffic'}):{' '}
        <span class={`chip ${drift.status}`}>{drift.status}</span>
      </h3>
      <p class="muted">
        {drift.window.size} of the last {drift.window.capacity} texts
        {drift.window.size < drift.minSamples ? ` (a verdict needs ${drift.minSamples})` : ''}; PSI from{' '}
        {thresholds.warning} is a warning, from {thresholds.drift} drift.
      </p>
      <div class="drift-grid">
        {drift.statistics.map((statistic) => (
          <div key={statistic.statistic}>
            <p>
              <strong>{STATISTIC_NAMES[statistic.statistic] ?? statistic.statistic}</strong>: PSI {round(statistic.psi)}{' '}
              <span class={`chip ${statistic.status}`}>{statistic.status}</span>
            </p>
            {statistic.bins.length === 0 ? (
              <p class="muted">No bins yet.</p>
            ) : (
              <Chart
                spec={binsSpec(statistic)}
                width={300}
                label={`${STATISTIC_NAMES[statistic.statistic] ?? statistic.statistic} of v${drift.version}: training against live shares per bin, PSI ${round(statistic.psi)}`}
              />
            )}
          </div>
        ))}
      </div>
    </section>
  );
}

/** Drift of each loaded version of a model: its status, each statistic's PSI and the histograms behind it. */
export function DriftPanel({ name }: { readonly name: string }) {
  const drift = useResource(
    (signal) => callRoute(inferenceRoutes.monitoring.drift, { params: { name }, signal }),
    [name],
  );
  return (
    <ResourceView resource={drift} what={`The drift of ${name}`} id="drift-error">
      {(answer) =>
        answer.versions.length === 0 ? (
          <p>No version of this model is loaded, so no traffic is watched for drift.</p>
        ) : (
          <div data-testid="drift">
            {answer.versions.map((version) => (
              <VersionWindow
                key={`${version.version}:${version.traffic}`}
                drift={version}
                thresholds={answer.thresholds}
              />
            ))}
          </div>
        )
      }
    </ResourceView>
  );
}

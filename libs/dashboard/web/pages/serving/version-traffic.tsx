import { barChart, type TopLevelSpec } from '@mlops/charts';
import type { inferenceRoutes, RouteAnswer } from '@mlops/contracts';
import { useMemo } from 'preact/hooks';
import { Chart } from '../../ui/chart.js';
import { formatMs, formatPercent, roleKey } from './serving-format.js';

type Comparison = RouteAnswer<typeof inferenceRoutes.models.comparison>;
type Accuracy = RouteAnswer<typeof inferenceRoutes.monitoring.accuracy>;

const ROLE_ORDER = ['production', 'canary', 'shadow', 'version'];

/** The canary's share of traffic and how often it decides like production, as one sentence. */
function CanarySummary({ comparison }: { readonly comparison: Comparison }) {
  const canary = comparison.versions.find((figures) => figures.role === 'canary');
  if (!canary)
    return <p data-testid="canary-agreement">No canary is serving: every keyed request goes to production.</p>;
  const agreement = canary.agreement;
  return (
    <p data-testid="canary-agreement">
      Canary <strong>v{canary.version}</strong> answers {formatPercent(comparison.canaryShare)} of the request keys
      {agreement && agreement.rate !== null ? (
        <>
          {' '}
          and decides like production v{agreement.referenceVersion} on <strong>{formatPercent(agreement.rate)}</strong>{' '}
          of {agreement.compared} texts compared.
        </>
      ) : (
        '; it has not been compared with production yet.'
      )}
    </p>
  );
}

/** Requests, texts, latency percentiles, confidence, agreement and live accuracy of each version in each role. */
export function VersionTraffic({
  comparison,
  accuracy,
}: {
  readonly comparison: Comparison;
  readonly accuracy: Accuracy | undefined;
}) {
  const rows = [...comparison.versions].sort(
    (a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.version - b.version,
  );
  const live = new Map(accuracy?.versions.map((figures) => [roleKey(figures.version, figures.role), figures]));
  const spec = useMemo(
    (): TopLevelSpec => ({
      ...barChart(
        rows.flatMap((figures) =>
          (['p50', 'p95', 'p99'] as const).map((percentile) => ({
            category: `v${figures.version} ${figures.role}`,
            series: percentile,
            value: figures.latencyMs[percentile],
            label: formatMs(figures.latencyMs[percentile]),
          })),
        ),
        { valueTitle: 'Latency in the model (ms)', series: ['p50', 'p95', 'p99'], labels: true },
      ),
      height: Math.max(80, rows.length * 54),
    }),
    [comparison],
  );
  if (rows.length === 0) return <p>No request reached this model since inference started.</p>;
  return (
    <>
      <CanarySummary comparison={comparison} />
      <table aria-labelledby="traffic-heading" data-testid="version-traffic">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Role</th>
            <th scope="col" class="num">
              Requests
            </th>
            <th scope="col" class="num">
              Texts
            </th>
            <th scope="col" class="num">
              p50
            </th>
            <th scope="col" class="num">
              p95
            </th>
            <th scope="col" class="num">
              p99
            </th>
            <th scope="col" class="num">
              Mean confidence
            </th>
            <th scope="col" class="num">
              Agrees with production
            </th>
            <th scope="col" class="num">
              Live accuracy
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((figures) => {
            const measured = live.get(roleKey(figures.version, figures.role));
            return (
              <tr key={roleKey(figures.version, figures.role)} data-role={figures.role}>
                <th scope="row">v{figures.version}</th>
                <td>
                  <span class={`chip ${figures.role}`}>{figures.role}</span>
                </td>
                <td class="num">{figures.requests}</td>
                <td class="num">{figures.texts}</td>
                <td class="num">{formatMs(figures.latencyMs.p50)}</td>
                <td class="num">{formatMs(figures.latencyMs.p95)}</td>
                <td class="num">{formatMs(figures.latencyMs.p99)}</td>
                <td class="num">{formatPercent(figures.meanConfidence)}</td>
                <td class="num">
                  {figures.agreement && figures.agreement.rate !== null
                    ? `${formatPercent(figures.agreement.rate)} of ${figures.agreement.compared}`
                    : '–'}
                </td>
                <td class="num">
                  {measured && measured.accuracy !== null
                    ? `${formatPercent(measured.accuracy)} of ${measured.withFeedback}`
                    : '–'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Chart
        spec={spec}
        width={640}
        label={`Latency percentiles per version and role: ${rows
          .map((figures) => `v${figures.version} ${figures.role} p99 ${formatMs(figures.latencyMs.p99)}`)
          .join(', ')}`}
      />
      <p class="muted">
        Off the request path: {comparison.offPath.scored} copies scored, {comparison.offPath.skipped} skipped at the
        bound, {comparison.offPath.failed} failed.
      </p>
    </>
  );
}

import { deltaBars, type DeltaDatum } from '@mlops/charts';
import { registryRoutes, reporterRoutes, type ModelVersion } from '@mlops/contracts';
import { useMemo } from 'preact/hooks';
import { routeUrl } from '../../api/route-path.js';
import { callRoute } from '../../api/call-route.js';
import { NotFoundPage } from '../../app/not-found-page.js';
import { Chart } from '../../ui/chart.js';
import { Link } from '../../ui/link.js';
import { PageTitle } from '../../ui/page-title.js';
import { ResourceView } from '../../ui/resource-view.js';
import { useResource } from '../../ui/use-resource.js';
import type { PageProps } from '../page.js';
import { formatShare, metricOf, perClassF1 } from './format.js';

const HEADLINE: readonly (readonly [string, string])[] = [
  ['macroF1', 'Macro-F1'],
  ['microF1', 'Micro-F1'],
  ['weightedF1', 'Weighted F1'],
  ['accuracy', 'Accuracy'],
  ['expectedCalibrationError', 'Calibration error (lower is better)'],
];

function points(delta: number | undefined): string {
  if (delta === undefined) return '–';
  const value = (delta * 100).toFixed(1);
  return `${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${value.replace('-', '')} pts`;
}

/** Per-class F1 changes from `base` to `candidate`, largest change first: the comparison report's figure, without its intervals. */
function classDeltas(base: ModelVersion, candidate: ModelVersion): DeltaDatum[] {
  const before = perClassF1(base);
  const after = perClassF1(candidate);
  return [...after.entries()]
    .filter(([label]) => before.has(label))
    .map(([label, f1]) => ({ category: label, delta: f1 - (before.get(label) ?? 0) }))
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
}

function parseVersion(text: string | undefined): number | undefined {
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 ? value : undefined;
}

/**
 * `/models/:name/compare/:base/:candidate`: two versions side by side (test metrics and their
 * changes, per-class F1 changes drawn with the comparison report's own chart spec) and the link to
 * the full comparison report (PDF, rendered by the reporter with bootstrap intervals).
 */
export function ComparisonPage({ params }: PageProps) {
  const name = params.name ?? '';
  const a = parseVersion(params.base);
  const b = parseVersion(params.candidate);
  const pair = useResource(
    async (signal) => {
      if (a === undefined || b === undefined) throw new Error('not a version number');
      return Promise.all([
        callRoute(registryRoutes.versions.get, { params: { name, version: a }, signal }),
        callRoute(registryRoutes.versions.get, { params: { name, version: b }, signal }),
      ]);
    },
    [name, a, b],
  );
  if (a === undefined || b === undefined)
    return <NotFoundPage what={`The version pair ${params.base ?? ''}/${params.candidate ?? ''}`} />;
  const pdf = routeUrl(reporterRoutes.compare, {}, { model: name, a, b });
  return (
    <section aria-labelledby="page-title">
      <p class="muted">
        <Link href="/models">Models</Link> / <Link href={`/models/${encodeURIComponent(name)}`}>{name}</Link> /
      </p>
      <PageTitle text={`${name}: v${params.base ?? '?'} compared with v${params.candidate ?? '?'}`} />
      <ResourceView
        resource={pair}
        what={`Version v${params.base ?? '?'} or v${params.candidate ?? '?'} of “${name}”`}
        id="comparison-error"
      >
        {([base, candidate]) => <Comparison base={base} candidate={candidate} pdf={pdf} />}
      </ResourceView>
    </section>
  );
}

function Comparison({
  base,
  candidate,
  pdf,
}: {
  readonly base: ModelVersion;
  readonly candidate: ModelVersion;
  readonly pdf: string;
}) {
  const deltas = useMemo(() => classDeltas(base, candidate), [base, candidate]);
  const spec = useMemo(() => deltaBars(deltas, 'Change in F1 (percentage points)'), [deltas]);
  return (
    <>
      <p>
        <a href={pdf} download>
          Download the comparison report (PDF)
        </a>{' '}
        <span class="muted">— rendered by the reporter, with bootstrap intervals; may take a few seconds.</span>
      </p>
      <table aria-label="Test metrics of both versions">
        <thead>
          <tr>
            <th scope="col">Metric (test set)</th>
            <th scope="col" class="num">
              v{base.version}
            </th>
            <th scope="col" class="num">
              v{candidate.version}
            </th>
            <th scope="col" class="num">
              Change
            </th>
          </tr>
        </thead>
        <tbody>
          {HEADLINE.map(([key, label]) => {
            const before = metricOf(base, key);
            const after = metricOf(candidate, key);
            return (
              <tr key={key}>
                <th scope="row">{label}</th>
                <td class="num">{formatShare(before)}</td>
                <td class="num">{formatShare(after)}</td>
                <td class="num">{before === undefined || after === undefined ? '–' : points(after - before)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2>
        Per-class F1: v{candidate.version} against v{base.version}
      </h2>
      {deltas.length === 0 ? (
        <p>The versions share no class with per-class metrics.</p>
      ) : (
        <Chart spec={spec} label={`Change in F1 per class from v${base.version} to v${candidate.version}`} />
      )}
      <h2>Lineage</h2>
      <ul>
        {[base, candidate].map((version) => (
          <li key={version.version}>
            v{version.version}:{' '}
            {version.lineage
              ? `dataset ${version.lineage.datasetName} v${version.lineage.datasetVersion}`
              : 'imported, no lineage'}
            , {version.labels.length} classes, registered by {version.createdBy}
          </li>
        ))}
      </ul>
    </>
  );
}

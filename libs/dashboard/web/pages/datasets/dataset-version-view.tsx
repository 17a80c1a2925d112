import { barChart } from '@mlops/charts';
import type { DatasetVersion } from '@mlops/contracts';
import { useMemo } from 'preact/hooks';
import { Chart } from '../../ui/chart.js';
import { describeDropped, formatDate } from './dataset-format.js';

/** One frozen version: its label distribution (the report's bar spec), each step's rows and drops, text lengths. */
export function DatasetVersionView({ version }: { readonly version: DatasetVersion }) {
  const labels = useMemo(
    () => Object.entries(version.labelDistribution).sort(([a, x], [b, y]) => y - x || a.localeCompare(b)),
    [version],
  );
  const spec = useMemo(
    () =>
      barChart(
        labels.map(([label, count]) => ({ category: label, value: count })),
        { valueTitle: 'Texts with the label', categoryTitle: 'Label' },
      ),
    [labels],
  );
  const { textLength } = version;
  return (
    <section aria-labelledby="version-title" class="dataset-version">
      <h2 id="version-title">
        Version {version.version} <span class="muted">frozen {formatDate(version.createdAt)}</span>
      </h2>
      <dl class="facts" aria-label={`Version ${version.version}`}>
        <dt>Records</dt>
        <dd data-testid="record-count">{version.recordCount}</dd>
        <dt>Labels</dt>
        <dd>{labels.length}</dd>
        <dt>Content hash</dt>
        <dd>
          <code>{version.contentHash}</code>
        </dd>
        <dt>Text length</dt>
        <dd>
          median {Math.round(textLength.median)} characters (min {textLength.min}, 95% under{' '}
          {Math.round(textLength.p95)}, max {textLength.max})
        </dd>
      </dl>
      <h3>Label distribution</h3>
      <Chart spec={spec} label={`Texts per label in version ${version.version}`} />
      <table aria-label={`Label distribution of version ${version.version}`}>
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col" class="num">
              Texts
            </th>
            <th scope="col" class="num">
              Share
            </th>
          </tr>
        </thead>
        <tbody>
          {labels.map(([label, count]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td class="num">{count}</td>
              <td class="num">{((count / Math.max(1, version.recordCount)) * 100).toFixed(1)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>What each step kept and dropped</h3>
      <table aria-label={`Steps of version ${version.version}`}>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col" class="num">
              Rows in
            </th>
            <th scope="col" class="num">
              Rows out
            </th>
            <th scope="col">Dropped, and why</th>
          </tr>
        </thead>
        <tbody>
          {version.steps.map((step, index) => (
            <tr key={`${index}-${step.step}`}>
              <th scope="row">{step.step.replace(':', ': ').replace(/_/g, ' ')}</th>
              <td class="num">{step.rowsIn}</td>
              <td class="num">{step.rowsOut}</td>
              <td>{describeDropped(step.dropped)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

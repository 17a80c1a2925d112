import { classMetricsChart, type ClassMetricsDatum, type LearningCurveDatum } from '@mlops/charts';
import { reporterRoutes, trainingJobRoutes, type TrainingRun } from '@mlops/contracts';
import { useMemo } from 'preact/hooks';
import { callRoute } from '../../api/call-route.js';
import { routeUrl } from '../../api/route-path.js';
import { can } from '../../app/session.js';
import { Chart } from '../../ui/chart.js';
import { Link } from '../../ui/link.js';
import { PageTitle } from '../../ui/page-title.js';
import { ProblemMessage } from '../../ui/problem-message.js';
import { ResourceView } from '../../ui/resource-view.js';
import { useAction, useResource } from '../../ui/use-resource.js';
import type { PageProps } from '../page.js';
import { ConfusionSection } from './confusion-section.js';
import { useLiveCurve } from './live-epochs.js';
import { curveOfLive, RunCurve } from './run-curve.js';
import { loadRun, type RunData } from './run-data.js';
import { formatDate, formatDuration, formatShare, isActive, numberMetric } from './run-format.js';
import { RunLineage } from './run-lineage.js';
import { confusionOf } from './run-manifest.js';

function recordedCurve(data: RunData): LearningCurveDatum[] {
  const fromManifest = data.manifest?.metrics?.curve;
  if (fromManifest && fromManifest.length > 0)
    return fromManifest.map((epoch) => ({
      epoch: epoch.epoch,
      trainLoss: epoch.trainLoss,
      validationLoss: epoch.validationLoss ?? null,
      validationMacroF1: epoch.validationMacroF1 ?? null,
    }));
  return (data.run?.epochs ?? []).flatMap(({ epoch, metrics }) =>
    metrics.trainLoss === undefined
      ? []
      : [
          {
            epoch,
            trainLoss: metrics.trainLoss,
            validationLoss: metrics.validationLoss ?? null,
            validationMacroF1: metrics.validationMacroF1 ?? null,
          },
        ],
  );
}

function classRows(data: RunData): ClassMetricsDatum[] {
  const perClass = data.manifest?.metrics?.test?.perClass ?? data.run?.evaluation?.perClass;
  if (typeof perClass !== 'object') return [];
  return Object.entries(perClass).flatMap(([label, scores]) => {
    const { precision, recall, f1 } = (scores ?? {}) as Partial<Record<string, unknown>>;
    return typeof precision === 'number' && typeof recall === 'number' && typeof f1 === 'number'
      ? [{ label, precision, recall, f1 }]
      : [];
  });
}

function durationOf(data: RunData): number | undefined {
  const { job, run } = data;
  if (run?.timings.durationMs !== undefined) return run.timings.durationMs;
  if (!job.startedAt) return undefined;
  return new Date(job.finishedAt ?? Date.now()).getTime() - new Date(job.startedAt).getTime();
}

function Metrics({ run }: { readonly run: TrainingRun | undefined }) {
  const evaluation = run?.evaluation;
  if (!evaluation) return <p class="muted">No test evaluation yet: it is recorded when the run succeeds.</p>;
  const rows: [string, string][] = [
    ['Macro-F1', formatShare(numberMetric(evaluation, 'macroF1'))],
    ['Accuracy', formatShare(numberMetric(evaluation, 'accuracy'))],
    ['Weighted F1', formatShare(numberMetric(evaluation, 'weightedF1'))],
    ['Calibration error (ECE)', formatShare(numberMetric(evaluation, 'expectedCalibrationError'))],
    ['Best epoch', String(numberMetric(evaluation, 'bestEpoch') ?? '–')],
  ];
  return (
    <dl class="facts metrics" aria-label="Test metrics">
      {rows.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function CancelButton({ id, onCancelled }: { readonly id: string; readonly onCancelled: () => void }) {
  const cancel = useAction();
  return (
    <p>
      <button
        type="button"
        class="danger"
        disabled={cancel.pending}
        aria-describedby="cancel-error"
        onClick={() =>
          void cancel
            .run(() => callRoute(trainingJobRoutes.cancel, { params: { id } }))
            .then((done) => {
              if (done) onCancelled();
            })
        }
      >
        {cancel.pending ? 'Cancelling…' : 'Cancel the job'}
      </button>
      <ProblemMessage error={cancel.error} id="cancel-error" />
    </p>
  );
}

function RunView({ data, reload }: { readonly data: RunData; readonly reload: () => void }) {
  const { job, run, version, report } = data;
  const active = isActive(job.status);
  const live = useLiveCurve(job.id, active, reload);
  const recorded = useMemo(() => recordedCurve(data), [data]);
  const liveData = useMemo(() => curveOfLive(live.epochs), [live.epochs]);
  const classes = useMemo(() => classRows(data), [data]);
  const classSpec = useMemo(() => classMetricsChart(classes), [classes]);
  const confusion = useMemo(() => confusionOf(data.manifest), [data.manifest]);
  const keptEpoch = numberMetric(run?.evaluation, 'bestEpoch') ?? data.manifest?.metrics?.bestEpoch ?? null;
  const ref = run?.modelVersion;
  return (
    <>
      <dl class="facts" aria-label="Run">
        <dt>Status</dt>
        <dd>
          <span class={`chip ${job.status}`} data-status={job.status}>
            {job.status}
          </span>
          {job.attempts > 1 ? <span class="muted"> after {job.attempts} attempts</span> : null}
        </dd>
        <dt>Model</dt>
        <dd>
          {ref ? (
            <Link href={`/models/${encodeURIComponent(ref.name)}`}>
              {ref.name} v{ref.version}
            </Link>
          ) : (
            job.request.modelName
          )}
          {version?.source === 'training' ? (
            <span class="muted"> (registered {formatDate(version.createdAt)})</span>
          ) : null}
        </dd>
        <dt>Submitted</dt>
        <dd>{formatDate(job.createdAt)}</dd>
        <dt>Duration</dt>
        <dd>{formatDuration(durationOf(data))}</dd>
        {job.error ? (
          <>
            <dt>Error</dt>
            <dd class="problem-text">
              <code>{job.error.code}</code> {job.error.message}
            </dd>
          </>
        ) : null}
        <dt>Report</dt>
        <dd>
          {ref && report?.status === 'ready' ? (
            <>
              <a href={routeUrl(reporterRoutes.pdf, { model: ref.name, version: ref.version })}>PDF report</a> ·{' '}
              <a href={routeUrl(reporterRoutes.tables, { model: ref.name, version: ref.version })}>tables (CSV zip)</a>
            </>
          ) : ref ? (
            `The PDF report is ${report?.status ?? 'not asked for yet'}.`
          ) : (
            'A report is rendered once the run registers a model version.'
          )}
        </dd>
      </dl>
      {active && can('train') ? <CancelButton id={job.id} onCancelled={reload} /> : null}

      <h2>Learning curves</h2>
      <RunCurve
        data={active ? liveData : recorded}
        keptEpoch={active ? null : keptEpoch}
        {...(active ? { live } : {})}
      />

      <h2>Test metrics</h2>
      <Metrics run={run} />

      {classes.length > 0 ? (
        <>
          <h2>Per class</h2>
          <Chart spec={classSpec} label={`Precision, recall and F1 of ${classes.length} classes on the test set`} />
        </>
      ) : null}

      <h2>Confusion matrix</h2>
      {confusion ? (
        <ConfusionSection runId={job.id} labels={confusion.labels} matrix={confusion.matrix} />
      ) : (
        <p class="muted">
          {ref
            ? 'The model version’s manifest holds no confusion matrix.'
            : 'Drawn once the run registers a model version.'}
        </p>
      )}

      <h2>Lineage</h2>
      <RunLineage data={data} />

      <h2>Resolved config</h2>
      <details>
        <summary>The training config with every default applied</summary>
        <pre class="config">{JSON.stringify(run?.config ?? job.request.config, null, 2)}</pre>
      </details>
    </>
  );
}

/**
 * `/runs/:id` (the training job's id): status, metrics, learning curves (live while the job runs),
 * per-class bars and the confusion matrix with the PDF report's specs (a cell opens its test
 * examples), lineage, resolved config, links to the report and the model version; Cancel for keys
 * holding `train`.
 */
export function RunPage({ params }: PageProps) {
  const id = params.id ?? '';
  const resource = useResource((signal) => loadRun(id, signal), [id]);
  const model = resource.data?.job.request.modelName;
  return (
    <section aria-labelledby="page-title">
      <p class="muted">
        <Link href="/runs">Runs</Link> /
      </p>
      <PageTitle text={model ? `Run ${id.slice(0, 8)} · ${model}` : `Run ${id.slice(0, 8)}`} />
      <ResourceView resource={resource} what={`The run “${id}”`} id="run-error">
        {(data) => <RunView data={data} reload={resource.reload} />}
      </ResourceView>
    </section>
  );
}

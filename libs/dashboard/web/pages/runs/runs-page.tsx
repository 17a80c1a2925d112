import {
  registryRoutes,
  trainingJobRoutes,
  type TrainingJob,
  type TrainingJobStatus,
  type TrainingRun,
} from '@mlops/contracts';
import { useState } from 'preact/hooks';
import { callRoute } from '../../api/call-route.js';
import { navigate } from '../../app/router.js';
import { Link } from '../../ui/link.js';
import { PageTitle } from '../../ui/page-title.js';
import { ProblemMessage } from '../../ui/problem-message.js';
import { ResourceView } from '../../ui/resource-view.js';
import { useAction, useResource } from '../../ui/use-resource.js';
import type { PageProps } from '../page.js';
import { formatDate, formatDuration, formatShare, numberMetric } from './run-format.js';

const STATUSES: readonly TrainingJobStatus[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];
const PAGE = 50;

interface RunsData {
  readonly jobs: readonly TrainingJob[];
  readonly runs: ReadonlyMap<string, TrainingRun>;
  readonly jobCursor: string | undefined;
  readonly runCursor: string | undefined;
}

async function loadPage(
  status: TrainingJobStatus | undefined,
  cursors: { job?: string; run?: string },
  signal: AbortSignal,
): Promise<Omit<RunsData, 'runs'> & { runs: TrainingRun[] }> {
  const [jobs, runs] = await Promise.all([
    callRoute(trainingJobRoutes.list, { query: { limit: PAGE, status, cursor: cursors.job }, signal }),
    callRoute(registryRoutes.runs.list, { query: { limit: 200, cursor: cursors.run }, signal }),
  ]);
  return { jobs: jobs.items, runs: runs.items, jobCursor: jobs.nextCursor, runCursor: runs.nextCursor };
}

function durationOf(job: TrainingJob, run: TrainingRun | undefined): number | undefined {
  if (run?.timings.durationMs !== undefined) return run.timings.durationMs;
  if (job.startedAt === undefined) return undefined;
  const end = job.finishedAt ?? new Date().toISOString();
  return new Date(end).getTime() - new Date(job.startedAt).getTime();
}

/**
 * `/runs` (`?status=running`): training jobs newest first with their status, model, dataset
 * version, test macro-F1 and duration; each links to its run page.
 */
export function RunsPage({ query }: PageProps) {
  const raw = query.get('status');
  const status = STATUSES.find((candidate) => candidate === raw);
  const [more, setMore] = useState<RunsData | undefined>(undefined);
  const older = useAction();
  const first = useResource(
    async (signal) => {
      setMore(undefined);
      const page = await loadPage(status, {}, signal);
      return { ...page, runs: new Map(page.runs.map((run) => [run.jobId, run])) };
    },
    [status],
  );
  const loadOlder = async (data: RunsData) => {
    await older.run(async () => {
      const page = await loadPage(status, { job: data.jobCursor, run: data.runCursor }, new AbortController().signal);
      setMore({
        jobs: [...data.jobs, ...page.jobs],
        runs: new Map([...data.runs, ...page.runs.map((run) => [run.jobId, run] as const)]),
        jobCursor: page.jobCursor,
        runCursor: page.runCursor ?? data.runCursor,
      });
    });
  };
  return (
    <section aria-labelledby="page-title">
      <PageTitle text="Runs" />
      <p>
        <label for="status-filter">Status </label>
        <select
          id="status-filter"
          value={status ?? ''}
          onChange={(event) => {
            const value = (event.target as HTMLSelectElement).value;
            navigate(value ? `/runs?status=${value}` : '/runs');
          }}
        >
          <option value="">any</option>
          {STATUSES.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </p>
      <ResourceView resource={first} what="the runs" id="runs-error">
        {(loaded) => {
          const data = more ?? loaded;
          if (data.jobs.length === 0)
            return (
              <p>
                {status
                  ? `No training job is ${status}.`
                  : 'No training job yet: submit one with `mlops train` or POST /v1/training-jobs.'}
              </p>
            );
          return (
            <>
              <table aria-label="Training runs">
                <thead>
                  <tr>
                    <th scope="col">Run</th>
                    <th scope="col">Status</th>
                    <th scope="col">Model</th>
                    <th scope="col">Dataset version</th>
                    <th scope="col" class="num">
                      Test macro-F1
                    </th>
                    <th scope="col" class="num">
                      Duration
                    </th>
                    <th scope="col">Submitted</th>
                  </tr>
                </thead>
                <tbody>
                  {data.jobs.map((job) => {
                    const run = data.runs.get(job.id);
                    const { name, version } = job.request.dataset;
                    return (
                      <tr key={job.id}>
                        <th scope="row">
                          <Link
                            href={`/runs/${job.id}`}
                            aria-label={`Run ${job.id.slice(0, 8)} of ${job.request.modelName}`}
                          >
                            <code>{job.id.slice(0, 8)}</code>
                          </Link>
                          {job.request.study ? <span class="muted"> trial {job.request.study.trialNumber}</span> : null}
                        </th>
                        <td>
                          <span class={`chip ${job.status}`}>{job.status}</span>
                        </td>
                        <td>{job.request.modelName}</td>
                        <td>
                          <Link href={`/datasets/${encodeURIComponent(name)}/versions/${version}`}>
                            {name} v{version}
                          </Link>
                        </td>
                        <td class="num">{formatShare(numberMetric(run?.evaluation, 'macroF1'))}</td>
                        <td class="num">{formatDuration(durationOf(job, run))}</td>
                        <td>{formatDate(job.createdAt)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              {data.jobCursor ? (
                <button
                  type="button"
                  class="secondary"
                  disabled={older.pending}
                  aria-describedby="runs-older-error"
                  onClick={() => void loadOlder(data)}
                >
                  Older runs
                </button>
              ) : null}
              <ProblemMessage error={older.error} id="runs-older-error" />
            </>
          );
        }}
      </ResourceView>
    </section>
  );
}

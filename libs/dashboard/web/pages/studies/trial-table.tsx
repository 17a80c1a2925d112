import type { Study } from '@mlops/contracts';
import { Link } from '../../ui/link.js';
import { formatObjective, formatParameter } from './study-format.js';
import type { Brush } from './study-trials.js';

/** How long a trial ran, as "1 min 5 s", or "running". */
function duration(startedAt: string, finishedAt: string | undefined): string {
  if (!finishedAt) return 'running';
  const seconds = Math.max(0, Math.round((Date.parse(finishedAt) - Date.parse(startedAt)) / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** The trial table, limited to the trials inside the parallel coordinates' brush when there is one. */
export function TrialTable({
  study,
  shown,
  brush,
  objective,
}: {
  readonly study: Study;
  readonly shown: ReadonlySet<number>;
  readonly brush: Brush | undefined;
  readonly objective: string;
}) {
  const parameters = [...new Set(study.trialTable.flatMap((trial) => Object.keys(trial.params)))].sort();
  const rows = study.trialTable.filter((trial) => shown.has(trial.number)).sort((a, b) => a.number - b.number);
  const best = study.bestTrial?.number;
  return (
    <>
      <p role="status" data-testid="trial-count">
        {brush
          ? `${rows.length} of ${study.trialTable.length} trials inside the brush on ${brush.dimensions.join(', ')}.`
          : `${study.trialTable.length} trials.`}
      </p>
      <table aria-labelledby="trials-heading" data-testid="trial-table">
        <thead>
          <tr>
            <th scope="col" class="num">
              Trial
            </th>
            <th scope="col">State</th>
            {parameters.map((name) => (
              <th scope="col" class="num" key={name}>
                {name}
              </th>
            ))}
            <th scope="col" class="num">
              {objective}
            </th>
            <th scope="col" class="num">
              Epochs
            </th>
            <th scope="col">Duration</th>
            <th scope="col">Run</th>
            <th scope="col">Model version</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((trial) => (
            <tr key={trial.number} class={trial.number === best ? 'best' : undefined}>
              <th scope="row" class="num">
                #{trial.number}
                {trial.number === best ? ' (best)' : ''}
              </th>
              <td>
                <span class={`chip ${trial.state}`} title={trial.error?.message}>
                  {trial.state}
                </span>
              </td>
              {parameters.map((name) => (
                <td class="num" key={name}>
                  {formatParameter(trial.params[name])}
                </td>
              ))}
              <td class="num">{formatObjective(trial.value)}</td>
              <td class="num">{trial.intermediate.length}</td>
              <td>{duration(trial.startedAt, trial.finishedAt)}</td>
              <td>
                <Link href={`/runs/${trial.jobId}`} aria-label={`training run of trial ${trial.number}`}>
                  run
                </Link>
              </td>
              <td>
                {trial.modelVersion ? (
                  <Link
                    href={`/models/${encodeURIComponent(trial.modelVersion.name)}?version=${trial.modelVersion.version}`}
                  >
                    v{trial.modelVersion.version}
                  </Link>
                ) : (
                  '–'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

import type { Study } from '@mlops/contracts';
import { Link } from '../../ui/link.js';
import { formatObjective, formatParameter } from './study-format.js';

/** The study's best trial: its value, settings, run, and the model version it registered. */
export function BestTrial({ study, objective }: { readonly study: Study; readonly objective: string }) {
  const best = study.bestTrial;
  if (!best) {
    return (
      <p class="muted" data-testid="best-trial">
        No trial has finished yet, so there is no best trial.
      </p>
    );
  }
  const version = best.modelVersion;
  return (
    <div class="best-trial" data-testid="best-trial" aria-labelledby="best-trial-heading">
      <h2 id="best-trial-heading">Best trial</h2>
      <p>
        Trial <strong>#{best.number}</strong> reached {objective} <strong>{formatObjective(best.value)}</strong> with{' '}
        {Object.entries(best.params)
          .map(([name, value]) => `${name} = ${formatParameter(value)}`)
          .join(', ')}
        .
      </p>
      <p>
        {version ? (
          <>
            It registered{' '}
            <Link href={`/models/${encodeURIComponent(version.name)}?version=${version.version}`}>
              {version.name} v{version.version}
            </Link>
            ;{' '}
          </>
        ) : (
          'It registered no model version; '
        )}
        see <Link href={`/runs/${best.jobId}`}>its training run</Link>.
      </p>
    </div>
  );
}

import type { Study } from '@mlops/contracts';
import type { CommandContext } from '../core/context.js';
import { pollUntil } from '../core/wait.js';
import { fixed } from '../output/format.js';
import { parameterNames, paramsText } from './study-tables.js';

/** How often `mlops study watch` reads the study. */
const WATCH_INTERVAL_MS = 1_000;

/**
 * Follows a study until it is no longer running: one line on stderr per trial that starts or
 * ends (its value and parameters, the best so far), nothing with `--json`. Ctrl-C stops watching;
 * the study goes on.
 */
export async function watchStudy(context: CommandContext, id: string): Promise<Study> {
  const { out } = context;
  const seen = new Map<number, string>();
  return pollUntil(
    async () => {
      const study = await context.clients.studies.get({ params: { id } });
      const names = parameterNames(study);
      const budget = study.request.budget.trials;
      for (const trial of study.trialTable) {
        if (seen.get(trial.number) === trial.state) continue;
        seen.set(trial.number, trial.state);
        const value = trial.value === undefined ? '' : ` ${study.request.objective.metric} ${fixed(trial.value)}`;
        const error = trial.error ? ` (${trial.error.code})` : '';
        out.note(
          `trial ${trial.number}${budget === undefined ? '' : `/${budget}`} ${trial.state}${value}${error}  ` +
            `${paramsText(names, trial.params)}  best ${fixed(study.bestValue)}`,
        );
      }
      return study.status === 'running' ? undefined : study;
    },
    {
      signal: context.io.signal,
      intervalMs: WATCH_INTERVAL_MS,
      resumeHint: `The study goes on server-side; watch it again with \`mlops study watch ${id}\` (or stop it with \`mlops study cancel ${id}\`).`,
    },
  );
}

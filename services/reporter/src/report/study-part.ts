import { available, missing } from './part.js';
import type { StudyInput } from './report-input.js';
import type { Part, StudyView } from './view-model.js';

/** How many best trials the study slide lists (the reported version's trial is added when lower). */
const BEST_TRIALS = 5;

type Trial = StudyInput['trials'][number];

function settingsText(trial: Trial): string {
  return Object.entries(trial.params)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${typeof value === 'number' ? String(+value.toPrecision(4)) : String(value)}`)
    .join(', ');
}

/**
 * The study slide's data: numeric parameters as parallel-coordinate dimensions, finished trials,
 * the best first (with the reported version's trial and its rank), parameter importances largest
 * first. A study without finished trials is shown as missing data.
 */
export function buildStudy(study: StudyInput | undefined): Part<StudyView> | null {
  if (!study) return null;
  const finished = study.trials.filter((trial): trial is Trial & { value: number } => trial.value !== null);
  if (finished.length === 0) {
    return missing(`The study "${study.name}" has no finished trial yet, so there is nothing to plot.`);
  }
  const dimensions = [...new Set(finished.flatMap((trial) => Object.keys(trial.params)))]
    .filter((name) => finished.every((trial) => typeof trial.params[name] === 'number'))
    .sort();
  const sign = study.direction === 'maximize' ? -1 : 1;
  const ranked = [...finished].sort((a, b) => sign * (a.value - b.value) || (a.id < b.id ? -1 : 1));
  const own = study.trials.find((trial) => trial.id === study.thisTrial);
  const rank = ranked.findIndex((trial) => trial.id === study.thisTrial);
  const listed = ranked.slice(0, BEST_TRIALS);
  if (rank >= BEST_TRIALS && own) listed.push(ranked[rank] ?? (own as Trial & { value: number }));
  return available({
    name: study.name,
    objective: study.objective,
    direction: study.direction,
    dimensions,
    trials: finished.map((trial) => ({
      id: trial.id,
      values: Object.fromEntries(dimensions.map((name) => [name, trial.params[name] as number])),
      objective: trial.value,
    })),
    best: listed.map((trial) => ({ id: trial.id, objective: trial.value, params: settingsText(trial) })),
    ...(study.status === undefined ? {} : { status: study.status }),
    totalTrials: study.totalTrials ?? study.trials.length,
    ...(own ? { thisTrial: { id: own.id, rank: rank + 1, objective: own.value } } : {}),
    importances: Object.entries(study.importances ?? {})
      .map(([name, share]) => ({ name, share }))
      .sort((a, b) => b.share - a.share || (a.name < b.name ? -1 : 1)),
  });
}

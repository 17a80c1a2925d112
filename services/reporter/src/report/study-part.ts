import { available, missing } from './part.js';
import type { StudyInput } from './report-input.js';
import type { Part, StudyView } from './view-model.js';

/** How many best trials the study slide lists. */
const BEST_TRIALS = 5;

/**
 * The study slide's data: numeric parameters as parallel-coordinate dimensions, finished trials,
 * the best first. A study without finished trials is shown as missing data.
 */
export function buildStudy(study: StudyInput | undefined): Part<StudyView> | null {
  if (!study) return null;
  const finished = study.trials.filter((trial): trial is typeof trial & { value: number } => trial.value !== null);
  if (finished.length === 0) {
    return missing(`The study "${study.name}" has no finished trial yet, so there is nothing to plot.`);
  }
  const dimensions = [...new Set(finished.flatMap((trial) => Object.keys(trial.params)))]
    .filter((name) => finished.every((trial) => typeof trial.params[name] === 'number'))
    .sort();
  const sign = study.direction === 'maximize' ? -1 : 1;
  const ranked = [...finished].sort((a, b) => sign * (a.value - b.value) || (a.id < b.id ? -1 : 1));
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
    best: ranked.slice(0, BEST_TRIALS).map((trial) => ({
      id: trial.id,
      objective: trial.value,
      params: Object.entries(trial.params)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([name, value]) => `${name}=${typeof value === 'number' ? String(+value.toPrecision(4)) : String(value)}`)
        .join(', '),
    })),
  });
}

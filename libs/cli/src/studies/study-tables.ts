import type { Study, StudyTrial } from '@mlops/contracts';
import type { Output } from '../output/output.js';
import { fixed } from '../output/format.js';

/** A parameter value as the tables print it: numbers with 4 significant digits. */
function paramText(value: string | number | boolean | undefined): string {
  if (value === undefined) return '-';
  return typeof value === 'number' ? String(+value.toPrecision(4)) : String(value);
}

/** `lr=0.01, epochs=4` in the space's order. */
export function paramsText(names: readonly string[], params: StudyTrial['params']): string {
  return names
    .filter((name) => params[name] !== undefined)
    .map((name) => `${name}=${paramText(params[name])}`)
    .join(', ');
}

/** The searched parameters' names, in the order the study declared them. */
export function parameterNames(study: Study): string[] {
  return study.request.space.map((parameter) => parameter.name);
}

/** `complete 8, pruned 1, failed 1, running 0 of 10`. */
export function trialCounts(study: Pick<Study, 'trials'>): string {
  const { total, complete, pruned, failed, running } = study.trials;
  return `${total} trials: complete ${complete}, pruned ${pruned}, failed ${failed}, running ${running}`;
}

function versionText(trial: StudyTrial): string {
  return trial.modelVersion ? `v${trial.modelVersion.version}` : '-';
}

/**
 * The trial table: number (the best marked `*`), state, objective value, one column per parameter,
 * the version it registered, and the error of failed trials when there are any.
 */
function trialTable(out: Output, study: Study): string {
  const names = parameterNames(study);
  const best = study.bestTrial?.number;
  const errors = study.trialTable.some((trial) => trial.error !== undefined);
  return out.table(
    ['trial', 'state', study.request.objective.metric, ...names, 'version', ...(errors ? ['error'] : [])],
    study.trialTable.map((trial) => [
      trial.number === best ? `${trial.number} *` : trial.number,
      trial.state,
      fixed(trial.value),
      ...names.map((name) => paramText(trial.params[name])),
      versionText(trial),
      ...(errors ? [trial.error ? `${trial.error.code}: ${trial.error.message}`.slice(0, 60) : ''] : []),
    ]),
  );
}

/** Importances as a table with a bar per parameter, largest first. */
function importanceTable(out: Output, study: Study): string {
  const rows = Object.entries(study.importances).sort(([, a], [, b]) => b - a);
  return out.table(
    ['parameter', 'importance', 'share'],
    rows.map(([name, share]) => [name, `${(share * 100).toFixed(1)}%`, '█'.repeat(Math.round(share * 30))]),
  );
}

/** Everything `mlops study show` prints for a person. */
export function printStudy(out: Output, study: Study): void {
  const { objective } = study.request;
  out.line(
    `${out.c.bold(`study ${study.name ?? study.id}`)} (${study.id}): ${study.status}` +
      `${study.reason ? ` (${study.reason})` : ''}; model ${study.modelName}, sampler ${study.sampler}, ` +
      `objective ${objective.metric} (${objective.direction})`,
  );
  out.line(trialCounts(study));
  if (study.trialTable.length === 0) {
    out.line('No trial has started yet.');
    return;
  }
  out.line(trialTable(out, study));
  const best = study.bestTrial;
  if (best) {
    out.line(
      `${out.c.bold('best')}: trial ${best.number}, ${objective.metric} ${fixed(best.value)}` +
        `${best.modelVersion ? `, model ${best.modelVersion.name} v${best.modelVersion.version}` : ''}; ` +
        paramsText(parameterNames(study), best.params),
    );
  } else out.line('best: no finished trial yet');
  if (Object.keys(study.importances).length > 0) {
    out.line('parameter importances (share of the objective variance):');
    out.line(importanceTable(out, study));
  } else out.line('parameter importances: not enough finished trials yet');
}

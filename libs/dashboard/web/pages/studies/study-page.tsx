import { studyRoutes, type Study } from '@mlops/contracts';
import { useMemo, useState } from 'preact/hooks';
import { ApiError } from '../../api/api-error.js';
import { callRoute } from '../../api/call-route.js';
import { PageTitle } from '../../ui/page-title.js';
import { ResourceView } from '../../ui/resource-view.js';
import { useResource } from '../../ui/use-resource.js';
import { formatDate } from '../models/format.js';
import type { PageProps } from '../page.js';
import { BestTrial } from './best-trial.js';
import { ParameterImportances } from './parameter-importances.js';
import { StudyAxisFilter } from './study-axis-filter.js';
import { StudyParallelCoordinates } from './study-parallel.js';
import { parallelData, trialsInBrush, type Brush } from './study-trials.js';
import { TrialTable } from './trial-table.js';

/** Study ids are UUIDs: any other id names no study, so the page says so without asking the server. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function notFound(id: string): ApiError {
  return new ApiError(
    {
      type: 'about:blank',
      title: 'Not found',
      status: 404,
      code: 'UI_NOT_FOUND',
      detail: `No study has the id ${id}.`,
    },
    'dl-trainer',
  );
}

const METRIC_NAMES: Readonly<Record<string, string>> = {
  validationMacroF1: 'validation macro-F1',
  validationAccuracy: 'validation accuracy',
  testMacroF1: 'test macro-F1',
  testAccuracy: 'test accuracy',
};

/** What a study optimises, as a person reads it. */
export function objectiveName(study: Study): string {
  return METRIC_NAMES[study.request.objective.metric] ?? study.request.objective.metric;
}

function StudyView({ study }: { readonly study: Study }) {
  const [brush, setBrush] = useState<Brush | undefined>(undefined);
  const data = useMemo(() => parallelData(study.trialTable), [study]);
  const shown = useMemo(() => trialsInBrush(study.trialTable, data, brush), [study, data, brush]);
  const objective = objectiveName(study);
  const { budget } = study.request;
  return (
    <>
      <p>
        <span class={`chip ${study.status}`}>{study.status}</span> Model <strong>{study.modelName}</strong>, sampler{' '}
        {study.sampler}, {study.request.objective.direction === 'maximize' ? 'maximising' : 'minimising'} the{' '}
        {objective}; budget{' '}
        {[
          budget.trials === undefined ? '' : `${budget.trials} trials`,
          budget.minutes === undefined ? '' : `${budget.minutes} min`,
        ]
          .filter(Boolean)
          .join(' or ')}
        . Started {formatDate(study.createdAt)}
        {study.finishedAt ? `, finished ${formatDate(study.finishedAt)}` : ''}
        {study.reason ? ` (${study.reason})` : ''}.
      </p>
      <BestTrial study={study} objective={objective} />
      <h2>Parallel coordinates</h2>
      <StudyParallelCoordinates data={data} objective={objective} onBrush={setBrush} />
      {data.dimensions.length >= 2 ? <StudyAxisFilter data={data} onBrush={setBrush} /> : null}
      <h2>Parameter importances</h2>
      <ParameterImportances importances={study.importances} />
      <h2 id="trials-heading">Trials</h2>
      <TrialTable study={study} shown={shown} brush={brush} objective={objective} />
    </>
  );
}

/** `/studies/:id`: a study's best trial, parallel coordinates (brushing filters the trial table), importances and trials. */
export function StudyPage({ params }: PageProps) {
  const id = params.id ?? '';
  const wellFormed = UUID.test(id);
  const study = useResource(
    (signal) => (wellFormed ? callRoute(studyRoutes.get, { params: { id }, signal }) : Promise.reject(notFound(id))),
    [id],
  );
  const title = study.data ? `Study ${study.data.name ?? study.data.id.slice(0, 8)}` : 'Study';
  return (
    <section aria-labelledby="page-title">
      <PageTitle text={title} />
      <ResourceView resource={study} what={`The study ${id}`} id="study-error">
        {(loaded) => <StudyView study={loaded} />}
      </ResourceView>
    </section>
  );
}

import { parallelCoordinates } from '@mlops/charts';
import type { SlideDeck } from '../../render/deck.js';
import { splitColumns, splitRows } from '../../render/layout.js';
import { counted } from '../format.js';
import type { Part, StudyView } from '../view-model.js';
import { partSlide } from './slide-kit.js';

const round = (value: number): string => String(+value.toPrecision(4));

/** ` (a; b)` of the notes given, or nothing. */
function notes(...items: (string | undefined)[]): string {
  const given = items.filter((item): item is string => item !== undefined);
  return given.length > 0 ? ` (${given.join('; ')})` : '';
}

/** The study slide's headline: what ran, the best trial, and where this version's trial stands. */
function studySentence(study: StudyView): string {
  const best = study.best[0];
  const goal = study.direction === 'maximize' ? 'highest' : 'lowest';
  const total = study.totalTrials ?? study.trials.length;
  const finished = study.trials.length;
  const ran =
    study.status === 'running'
      ? `has started ${counted(total, 'trial')} so far (${finished} finished when this report was made)`
      : `ran ${counted(total, 'trial')}${notes(total > finished ? `${finished} finished` : undefined, study.status ? `study ${study.status}` : undefined)}`;
  const own = study.thisTrial;
  const ownText = !own
    ? ''
    : own.id === best?.id
      ? ' This version is that trial.'
      : own.objective === null
        ? ` This version is trial ${own.id}, which has no ${study.objective}.`
        : ` This version is trial ${own.id}, ranked ${own.rank} of ${study.trials.length}.`;
  return `The study “${study.name}” ${ran}; the ${goal} ${study.objective} (${best ? round(best.objective) : '—'}) came from trial ${best?.id ?? '—'}.${ownText}`;
}

const HEADING = { section: 'Study', title: 'How the settings were chosen' } as const;

/** Slide 8: the hyper-parameter study (parallel coordinates, best trials, importances), when there is one. */
export async function studySlide(deck: SlideDeck, study: Part<StudyView>): Promise<void> {
  await partSlide(deck, HEADING, study, studySentence, async (box, view) => {
    const [chart, bottom] = splitRows(box, [3, 2]);
    if (!chart || !bottom) return;
    if (view.dimensions.length < 2)
      deck.note(
        chart,
        'The study has fewer than two numeric parameters: nothing to draw in parallel coordinates.',
        'No chart',
      );
    else await deck.chart(chart, parallelCoordinates(view.dimensions, view.trials, view.objective));
    const [trials, importances] = view.importances.length > 0 ? splitColumns(bottom, [5, 2]) : [bottom];
    if (!trials) return;
    const ownRow = view.best.findIndex((trial) => trial.id === view.thisTrial?.id);
    deck.table(
      trials,
      {
        size: 9,
        columns: [
          { header: 'Trial', weight: 1.2 },
          { header: view.objective, weight: 2, align: 'right' },
          { header: 'Settings', weight: 6 },
        ],
        rows: view.best.map((trial) => [
          trial.id === view.thisTrial?.id ? `${trial.id} (this)` : trial.id,
          round(trial.objective),
          trial.params,
        ]),
        ...(ownRow >= 0 ? { boldRows: new Set([ownRow]) } : {}),
      },
      HEADING,
    );
    if (importances)
      deck.table(
        importances,
        {
          size: 9,
          columns: [
            { header: 'Parameter', weight: 3 },
            { header: 'Importance', weight: 2, align: 'right' },
          ],
          rows: view.importances.map((entry) => [entry.name, `${(entry.share * 100).toFixed(1)}%`]),
        },
        HEADING,
      );
  });
}

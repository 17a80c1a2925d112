import { parallelCoordinates } from '@mlops/charts';
import type { SlideDeck } from '../../render/deck.js';
import { splitRows } from '../../render/layout.js';
import { counted } from '../format.js';
import type { Part, StudyView } from '../view-model.js';
import { partSlide } from './slide-kit.js';

/** The study slide's headline. */
function studySentence(study: StudyView): string {
  const best = study.best[0];
  const goal = study.direction === 'maximize' ? 'highest' : 'lowest';
  return `The study “${study.name}” ran ${counted(study.trials.length, 'finished trial')}; the ${goal} ${study.objective} (${best ? String(+best.objective.toPrecision(4)) : '—'}) came from trial ${best?.id ?? '—'}.`;
}

/** Slide 8: the hyper-parameter study (parallel coordinates and best trials), when there is one. */
export async function studySlide(deck: SlideDeck, study: Part<StudyView>): Promise<void> {
  await partSlide(
    deck,
    { section: 'Study', title: 'How the settings were chosen' },
    study,
    studySentence,
    async (box, view) => {
      const [chart, table] = splitRows(box, [3, 2]);
      if (!chart || !table) return;
      if (view.dimensions.length < 2)
        deck.note(
          chart,
          'The study has fewer than two numeric parameters: nothing to draw in parallel coordinates.',
          'No chart',
        );
      else await deck.chart(chart, parallelCoordinates(view.dimensions, view.trials, view.objective));
      deck.table(
        table,
        {
          size: 9,
          columns: [
            { header: 'Trial', weight: 1 },
            { header: view.objective, weight: 2, align: 'right' },
            { header: 'Settings', weight: 6 },
          ],
          rows: view.best.map((trial) => [trial.id, String(+trial.objective.toPrecision(4)), trial.params]),
        },
        { section: 'Study', title: 'How the settings were chosen' },
      );
    },
  );
}

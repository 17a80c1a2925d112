import { parallelCoordinates } from '@mlops/charts';
import { useCallback, useMemo } from 'preact/hooks';
import type { View } from 'vega';
import { Chart } from '../../ui/chart.js';
import { brushOf, type Brush, type ParallelData } from './study-trials.js';

/** The name of the chart's interval selection (a vega signal holding the brushed axes and range). */
const BRUSH = 'brush';

/**
 * The study's parallel coordinates, drawn from the PDF report's spec with an interval selection:
 * dragging over one or more axes reports the brush (`onBrush`), a double click clears it.
 */
export function StudyParallelCoordinates({
  data,
  objective,
  onBrush,
}: {
  readonly data: ParallelData;
  readonly objective: string;
  readonly onBrush: (brush: Brush | undefined) => void;
}) {
  const spec = useMemo(
    () => parallelCoordinates(data.dimensions, data.trials, objective, { brush: BRUSH }),
    [data, objective],
  );
  const onView = useCallback(
    (view: View) => {
      const listener = (_name: string, value: unknown) => onBrush(brushOf(value));
      view.addSignalListener(BRUSH, listener);
      return () => {
        view.removeSignalListener(BRUSH, listener);
      };
    },
    [onBrush],
  );
  if (data.dimensions.length < 2) {
    return (
      <p class="muted">
        Parallel coordinates need two numeric parameters and a finished trial; this study has {data.dimensions.length}{' '}
        numeric parameter{data.dimensions.length === 1 ? '' : 's'} and {data.trials.length} finished trial
        {data.trials.length === 1 ? '' : 's'}.
      </p>
    );
  }
  return (
    <>
      <p class="muted" id="parallel-help">
        One line per finished trial, coloured by its {objective}. Drag over an axis to keep only the trials that cross
        it there (the table below follows); double-click the chart to clear, or filter by values with the form under the
        chart.
      </p>
      <div data-testid="parallel-coordinates">
        <Chart
          spec={spec}
          width={760}
          onView={onView}
          label={`Parallel coordinates of ${data.trials.length} trials over ${data.dimensions.join(', ')}, coloured by ${objective}`}
        />
      </div>
    </>
  );
}

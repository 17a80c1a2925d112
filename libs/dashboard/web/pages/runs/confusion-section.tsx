import { confusionHeatmap } from '@mlops/charts';
import { useCallback, useMemo, useState } from 'preact/hooks';
import type { View } from 'vega';
import { Chart } from '../../ui/chart.js';
import { CellExamples, type Cell } from './cell-examples.js';

/** Above this many classes the report lists the most frequent confusions instead of the matrix (as the PDF does). */
const MATRIX_CLASS_LIMIT = 12;
const TOP_CONFUSIONS = 12;

function cellName(cell: Cell): string {
  const what = cell.truth === cell.predicted ? 'recognised as' : 'taken for';
  return `${cell.truth} ${what} ${cell.predicted}: ${cell.count} ${cell.count === 1 ? 'example' : 'examples'}`;
}

/**
 * The test confusion matrix drawn with the PDF report's heatmap spec, and as a table whose every
 * cell is a button; choosing a cell (in either) lists the test examples behind it. With many
 * classes, the most frequent confusions instead.
 */
export function ConfusionSection({
  runId,
  labels,
  matrix,
}: {
  readonly runId: string;
  readonly labels: readonly string[];
  readonly matrix: readonly (readonly number[])[];
}) {
  const [chosen, setChosen] = useState<Cell | undefined>(undefined);
  const spec = useMemo(() => confusionHeatmap({ labels, matrix }), [labels, matrix]);
  const countOf = useCallback(
    (truth: string, predicted: string) => matrix[labels.indexOf(truth)]?.[labels.indexOf(predicted)] ?? 0,
    [labels, matrix],
  );
  const onView = useCallback(
    (view: View) => {
      const onClick = (_event: unknown, item: unknown) => {
        const datum = (item as { datum?: { truth?: unknown; predicted?: unknown } } | null | undefined)?.datum;
        if (typeof datum?.truth === 'string' && typeof datum.predicted === 'string')
          setChosen({ truth: datum.truth, predicted: datum.predicted, count: countOf(datum.truth, datum.predicted) });
      };
      view.addEventListener('click', onClick);
      return () => view.removeEventListener('click', onClick);
    },
    [countOf],
  );
  const choose = (truth: string, predicted: string) =>
    setChosen({ truth, predicted, count: countOf(truth, predicted) });
  if (labels.length > MATRIX_CLASS_LIMIT) {
    const pairs = labels
      .flatMap((truth, row) =>
        labels.map((predicted, column) => ({ truth, predicted, count: matrix[row]?.[column] ?? 0 })),
      )
      .filter((cell) => cell.truth !== cell.predicted && cell.count > 0)
      .sort((a, b) => b.count - a.count)
      .slice(0, TOP_CONFUSIONS);
    return (
      <>
        <p>With {labels.length} classes the matrix would be unreadable: these are the most frequent confusions.</p>
        <ul class="confusion-pairs" aria-label="Most frequent confusions">
          {pairs.map((cell) => (
            <li key={`${cell.truth}|${cell.predicted}`}>
              <button type="button" class="link" onClick={() => setChosen(cell)}>
                {cellName(cell)}
              </button>
            </li>
          ))}
        </ul>
        {chosen ? <CellExamples runId={runId} cell={chosen} /> : null}
      </>
    );
  }
  return (
    <>
      <div class="confusion">
        <Chart
          spec={spec}
          width={Math.min(560, 140 + labels.length * 60)}
          label={`Confusion matrix of the test set over ${labels.length} classes; the table below lists the same counts`}
          onView={onView}
        />
      </div>
      <table class="confusion-table" aria-label="Confusion matrix: true class by row, predicted class by column">
        <thead>
          <tr>
            <th scope="col">True ↓ / predicted →</th>
            {labels.map((label) => (
              <th key={label} scope="col" class="num">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((truth, row) => (
            <tr key={truth}>
              <th scope="row">{truth}</th>
              {labels.map((predicted, column) => {
                const cell = { truth, predicted, count: matrix[row]?.[column] ?? 0 };
                const pressed = chosen?.truth === truth && chosen.predicted === predicted;
                return (
                  <td key={predicted} class={`num${truth === predicted ? ' diagonal' : ''}`}>
                    <button
                      type="button"
                      class="cell"
                      aria-pressed={pressed}
                      aria-label={cellName(cell)}
                      onClick={() => choose(truth, predicted)}
                    >
                      {cell.count}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {chosen ? (
        <CellExamples runId={runId} cell={chosen} />
      ) : (
        <p class="muted">Choose a cell (in the chart or the table) to see the test examples behind it.</p>
      )}
    </>
  );
}

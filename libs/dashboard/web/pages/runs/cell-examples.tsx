import { registryRoutes, type TestPrediction } from '@mlops/contracts';
import { useState } from 'preact/hooks';
import { callRoute } from '../../api/call-route.js';
import { ProblemMessage } from '../../ui/problem-message.js';
import { ResourceView } from '../../ui/resource-view.js';
import { useAction, useResource } from '../../ui/use-resource.js';
import { formatShare } from './run-format.js';

/** One confusion-matrix cell: a true class and what the model predicted. */
export interface Cell {
  readonly truth: string;
  readonly predicted: string;
  readonly count: number;
}

const PAGE = 20;

/** The test examples behind a confusion-matrix cell, most confident first, page by page. */
export function CellExamples({ runId, cell }: { readonly runId: string; readonly cell: Cell }) {
  const [more, setMore] = useState<{ items: TestPrediction[]; cursor: string | undefined } | undefined>(undefined);
  const next = useAction();
  const first = useResource(
    async (signal) => {
      setMore(undefined);
      const page = await callRoute(registryRoutes.runs.testPredictions, {
        params: { id: runId },
        query: { truth: cell.truth, predicted: cell.predicted, limit: PAGE },
        signal,
      });
      return { items: page.items, cursor: page.nextCursor };
    },
    [runId, cell.truth, cell.predicted],
  );
  const right = cell.truth === cell.predicted;
  const heading = right ? `${cell.truth} recognised as ${cell.predicted}` : `${cell.truth} taken for ${cell.predicted}`;
  return (
    <section aria-labelledby="cell-examples-title" class="cell-examples">
      <h3 id="cell-examples-title" tabIndex={-1}>
        {heading}: {cell.count} test {cell.count === 1 ? 'example' : 'examples'}
      </h3>
      <ResourceView resource={first} what="the test examples" id="cell-examples-error">
        {(loaded) => {
          const data = more ?? loaded;
          if (data.items.length === 0)
            return (
              <p class="muted">
                {cell.count === 0
                  ? 'No test example landed in this cell.'
                  : 'This run recorded no test examples (it was trained before they were kept).'}
              </p>
            );
          return (
            <>
              <table aria-label={`Test examples: ${heading}`}>
                <thead>
                  <tr>
                    <th scope="col">Document</th>
                    <th scope="col" class="num">
                      Confidence
                    </th>
                    <th scope="col">Text</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((item) => (
                    <tr key={item.documentId}>
                      <th scope="row">
                        <code title={item.documentId}>{item.documentId.slice(0, 8)}</code>
                      </th>
                      <td class="num">{formatShare(item.confidence)}</td>
                      <td class="excerpt">
                        {item.excerpt}
                        {item.textLength > item.excerpt.length ? '…' : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {data.cursor ? (
                <button
                  type="button"
                  class="secondary"
                  disabled={next.pending}
                  aria-describedby="cell-examples-more-error"
                  onClick={() =>
                    void next.run(async () => {
                      const page = await callRoute(registryRoutes.runs.testPredictions, {
                        params: { id: runId },
                        query: { truth: cell.truth, predicted: cell.predicted, limit: PAGE, cursor: data.cursor },
                      });
                      setMore({ items: [...data.items, ...page.items], cursor: page.nextCursor });
                    })
                  }
                >
                  More examples
                </button>
              ) : null}
              <ProblemMessage error={next.error} id="cell-examples-more-error" />
            </>
          );
        }}
      </ResourceView>
    </section>
  );
}

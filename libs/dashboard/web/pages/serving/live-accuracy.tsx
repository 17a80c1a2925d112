import type { inferenceRoutes, RouteAnswer } from '@mlops/contracts';
import { formatPercent, roleKey } from './serving-format.js';

type Accuracy = RouteAnswer<typeof inferenceRoutes.monitoring.accuracy>;

/** Accuracy of each version and role over the logged predictions that got feedback, with recall and precision per label. */
export function LiveAccuracy({ accuracy }: { readonly accuracy: Accuracy }) {
  if (accuracy.versions.length === 0) {
    return <p>No prediction of this model is in the log yet, so there is no feedback to measure against.</p>;
  }
  return (
    <div data-testid="live-accuracy">
      <table aria-labelledby="accuracy-heading">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Role</th>
            <th scope="col" class="num">
              Logged
            </th>
            <th scope="col" class="num">
              With feedback
            </th>
            <th scope="col" class="num">
              Correct
            </th>
            <th scope="col" class="num">
              Accuracy
            </th>
          </tr>
        </thead>
        <tbody>
          {accuracy.versions.map((figures) => (
            <tr key={roleKey(figures.version, figures.role)}>
              <th scope="row">v{figures.version}</th>
              <td>
                <span class={`chip ${figures.role}`}>{figures.role}</span>
              </td>
              <td class="num">{figures.logged}</td>
              <td class="num">{figures.withFeedback}</td>
              <td class="num">{figures.correct}</td>
              <td class="num">{formatPercent(figures.accuracy)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {accuracy.versions.map((figures) =>
        figures.labels.length === 0 ? null : (
          <details key={roleKey(figures.version, figures.role)}>
            <summary>
              Per label: v{figures.version} ({figures.role})
            </summary>
            <table aria-label={`Recall and precision per label of v${figures.version} as ${figures.role}`}>
              <thead>
                <tr>
                  <th scope="col">Label</th>
                  <th scope="col" class="num">
                    Support
                  </th>
                  <th scope="col" class="num">
                    Predicted
                  </th>
                  <th scope="col" class="num">
                    Recall
                  </th>
                  <th scope="col" class="num">
                    Precision
                  </th>
                </tr>
              </thead>
              <tbody>
                {figures.labels.map((label) => (
                  <tr key={label.label}>
                    <th scope="row">{label.label}</th>
                    <td class="num">{label.support}</td>
                    <td class="num">{label.predicted}</td>
                    <td class="num">{formatPercent(label.recall)}</td>
                    <td class="num">{formatPercent(label.precision)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        ),
      )}
    </div>
  );
}

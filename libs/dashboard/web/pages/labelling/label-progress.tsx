import type { LabelQueue } from '@mlops/contracts';

/** Labelled documents per label (bars and counts), and how many are still waiting. */
export function LabelProgress({ progress }: { readonly progress: LabelQueue['progress'] | undefined }) {
  if (!progress) return null;
  const largest = Math.max(1, ...progress.perLabel.map((entry) => entry.count));
  return (
    <section aria-labelledby="lab-progress-title" class="lab-progress">
      <h2 id="lab-progress-title">Progress</h2>
      <p data-testid="progress-summary">
        <strong>{progress.labelled}</strong> labelled · <strong>{progress.remaining}</strong> waiting
      </p>
      {progress.perLabel.length === 0 ? (
        <p class="muted">No document of this task is labelled yet.</p>
      ) : (
        <table aria-label="Labelled documents per label">
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col" class="num">
                Documents
              </th>
            </tr>
          </thead>
          <tbody>
            {progress.perLabel.map((entry) => (
              <tr key={entry.label} data-label={entry.label}>
                <th scope="row">{entry.label}</th>
                <td class="num">
                  <span
                    class="lab-bar"
                    style={{ width: `${Math.round((entry.count / largest) * 100)}%` }}
                    aria-hidden
                  />
                  {entry.count}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

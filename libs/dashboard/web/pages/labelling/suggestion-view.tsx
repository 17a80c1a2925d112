import type { LabelQueue } from '@mlops/contracts';
import type { QueueItem } from './labelling-session.js';

const percent = (p: number) => `${(p * 100).toFixed(p >= 0.995 || p < 0.1 ? 1 : 0)} %`;

/** The production model's suggestion for the document, its confidence, and the next most probable labels. */
export function SuggestionView({ item, model }: { readonly item: QueueItem; readonly model: LabelQueue['model'] }) {
  const { suggestion } = item;
  if (!suggestion || !model) return <p class="muted lab-suggestion">No suggestion for this document.</p>;
  return (
    <p class="lab-suggestion" data-testid="suggestion" aria-label="Model suggestion">
      {model.name} v{model.version} suggests <strong data-testid="suggested-label">{suggestion.label}</strong>{' '}
      <span data-testid="suggestion-confidence">{percent(suggestion.confidence)}</span>
      {suggestion.probabilities.length > 1 ? (
        <span class="muted">
          {' '}
          (then{' '}
          {suggestion.probabilities
            .slice(1)
            .map((entry) => `${entry.label} ${percent(entry.p)}`)
            .join(', ')}
          )
        </span>
      ) : null}
    </p>
  );
}

import { featureStoreRoutes, inferenceRoutes } from '@mlops/contracts';
import { useState } from 'preact/hooks';
import { callRoute } from '../../api/call-route.js';
import { navigate } from '../../app/router.js';
import { useResource } from '../../ui/use-resource.js';
import type { QueueChoice } from './labelling-session.js';

const ORDERS: readonly { value: QueueChoice['order']; text: string }[] = [
  { value: 'oldest', text: 'By date, oldest first' },
  { value: 'newest', text: 'By date, newest first' },
  { value: 'uncertainty', text: 'Least confident first (active learning)' },
];

/** The URL of the labelling page for a choice (shareable). */
export function labellingHref(choice: {
  task: string;
  order: string;
  model?: string | undefined;
  labels?: readonly string[];
}): string {
  const query = new URLSearchParams({ task: choice.task });
  if (choice.order !== 'oldest') query.set('order', choice.order);
  if (choice.model) query.set('model', choice.model);
  if (choice.labels && choice.labels.length > 0) query.set('labels', choice.labels.join(','));
  return `/labelling?${query.toString()}`;
}

/**
 * Task, order and model of the queue. Tasks come from the datasets, models from what inference
 * serves in production; any other name can be typed. Submitting goes to the page's URL for them.
 */
export function QueueChoiceForm({
  task,
  order,
  model,
  labels,
}: {
  readonly task: string;
  readonly order: QueueChoice['order'];
  readonly model: string;
  readonly labels: readonly string[];
}) {
  const [draft, setDraft] = useState({ task, order, model });
  const tasks = useResource(
    (signal) =>
      callRoute(featureStoreRoutes.datasets.list, { signal }).then((answer) => [
        ...new Set(answer.items.map((dataset) => dataset.task)),
      ]),
    [],
  );
  const models = useResource(
    (signal) =>
      callRoute(inferenceRoutes.models.list, { signal }).then((answer) =>
        answer.items.filter((loaded) => loaded.aliases.includes('production')).map((loaded) => loaded.name),
      ),
    [],
  );
  const submit = (event: Event) => {
    event.preventDefault();
    const chosen = draft.task.trim();
    if (chosen === '') return;
    navigate(
      labellingHref({
        task: chosen,
        order: draft.order,
        model: draft.model.trim() || undefined,
        labels: chosen === task ? labels : [],
      }),
    );
  };
  return (
    <form class="form-row lab-choice" aria-label="Labelling queue" onSubmit={submit}>
      <div>
        <label for="lab-task">Task</label>
        <input
          id="lab-task"
          name="task"
          list="lab-tasks"
          required
          pattern="[a-z0-9][a-z0-9_\-]*"
          value={draft.task}
          onInput={(event) => setDraft({ ...draft, task: event.currentTarget.value })}
        />
        <datalist id="lab-tasks">
          {(tasks.data ?? []).map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>
      <div>
        <label for="lab-order">Order</label>
        <select
          id="lab-order"
          name="order"
          value={draft.order}
          onChange={(event) => setDraft({ ...draft, order: event.currentTarget.value as QueueChoice['order'] })}
        >
          {ORDERS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.text}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="lab-model">Model for suggestions</label>
        <input
          id="lab-model"
          name="model"
          list="lab-models"
          placeholder={draft.task || 'the task name'}
          value={draft.model}
          onInput={(event) => setDraft({ ...draft, model: event.currentTarget.value })}
        />
        <datalist id="lab-models">
          {(models.data ?? []).map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>
      <div>
        <button type="submit">Open queue</button>
      </div>
    </form>
  );
}

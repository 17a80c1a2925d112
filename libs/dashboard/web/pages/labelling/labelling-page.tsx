import type { PageProps } from '../page.js';
import { navigate } from '../../app/router.js';
import { PageTitle } from '../../ui/page-title.js';
import { labelsParam } from './label-set.js';
import { LabellingWorkspace } from './labelling-workspace.js';
import type { QueueChoice } from './labelling-session.js';
import { labellingHref, QueueChoiceForm } from './queue-choice-form.js';

const ORDERS = new Set(['oldest', 'newest', 'uncertainty']);

/**
 * `/labelling?task=&order=&model=&labels=`: a task's queue of documents to label, by date or least
 * confident first, labelled by keyboard. Every choice is in the URL, so a queue can be shared.
 */
export function LabellingPage({ query }: PageProps) {
  const task = query.get('task')?.trim() ?? '';
  const rawOrder = query.get('order') ?? 'oldest';
  const order = (ORDERS.has(rawOrder) ? rawOrder : 'oldest') as QueueChoice['order'];
  const model = query.get('model')?.trim() ?? '';
  const labels = labelsParam(query.get('labels'));
  const choice: QueueChoice = { task, order, model: model || undefined, limit: 10 };
  return (
    <section aria-labelledby="page-title" class="labelling">
      <PageTitle text={task ? `Labelling · ${task}` : 'Labelling'} />
      <QueueChoiceForm key={`${task}|${order}|${model}`} task={task} order={order} model={model} labels={labels} />
      {task === '' ? (
        <p>
          Choose a task (the name its labels are stored under, such as <code>spam</code>) to open its queue.
        </p>
      ) : (
        <LabellingWorkspace
          key={`${task}|${order}|${model}`}
          choice={choice}
          fixedLabels={labels}
          onAddLabel={(next) => navigate(labellingHref({ task, order, model, labels: next }), { replace: true })}
        />
      )}
    </section>
  );
}

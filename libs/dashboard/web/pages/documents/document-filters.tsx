import { useState } from 'preact/hooks';
import { navigate } from '../../app/router.js';

/** The filters of the documents list, as the URL carries them. */
export interface DocumentFilters {
  readonly status: string;
  readonly task: string;
  readonly label: string;
}

const STATUSES = ['', 'received', 'processing', 'ready', 'failed'] as const;

/** The URL of the documents list for filters (shareable); an empty filter is left out. */
export function documentsHref(filters: DocumentFilters, cursor?: string): string {
  const query = new URLSearchParams();
  if (filters.status) query.set('status', filters.status);
  if (filters.task) query.set('task', filters.task);
  if (filters.task && filters.label) query.set('label', filters.label);
  if (cursor) query.set('cursor', cursor);
  const text = query.toString();
  return text ? `/documents?${text}` : '/documents';
}

/** Status, task and label filters; a label needs its task (the field is off until a task is typed). */
export function DocumentFiltersForm({ filters }: { readonly filters: DocumentFilters }) {
  const [draft, setDraft] = useState(filters);
  const submit = (event: Event) => {
    event.preventDefault();
    navigate(documentsHref({ status: draft.status, task: draft.task.trim(), label: draft.label.trim() }));
  };
  return (
    <form class="form-row" aria-label="Filter documents" role="search" onSubmit={submit}>
      <div>
        <label for="docs-status">Status</label>
        <select
          id="docs-status"
          value={draft.status}
          onChange={(event) => setDraft({ ...draft, status: event.currentTarget.value })}
        >
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {status === '' ? 'any' : status}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="docs-task">Labelled for task</label>
        <input
          id="docs-task"
          pattern="[a-z0-9][a-z0-9_\-]*"
          value={draft.task}
          onInput={(event) => setDraft({ ...draft, task: event.currentTarget.value })}
        />
      </div>
      <div>
        <label for="docs-label">With label</label>
        <input
          id="docs-label"
          value={draft.label}
          disabled={draft.task.trim() === ''}
          onInput={(event) => setDraft({ ...draft, label: event.currentTarget.value })}
        />
      </div>
      <div>
        <button type="submit">Search</button>
      </div>
    </form>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { can } from '../../app/session.js';
import { ProblemMessage } from '../../ui/problem-message.js';
import { HighlightedText } from './highlighted-text.js';
import { offeredLabels } from './label-set.js';
import { LabelProgress } from './label-progress.js';
import { labellingCommand } from './labelling-keys.js';
import {
  useLabellingSession,
  type LabelConflictView,
  type LabellingSession,
  type QueueChoice,
} from './labelling-session.js';
import { SuggestionView } from './suggestion-view.js';

/** Whether a key press comes from a place that takes typing (a field), where the shortcuts stay off. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName);
}

function savedText(saving: boolean, saved: LabellingSession['lastSaved'], documentId: string | undefined): string {
  if (saving) return 'Saving…';
  if (!saved || saved.documentId !== documentId) return '';
  if (saved.label === null) return 'Label removed.';
  return saved.by ? `Already “${saved.label}” (set by ${saved.by}).` : `Saved “${saved.label}”.`;
}

function ConflictMessage({ conflict }: { readonly conflict: LabelConflictView | undefined }) {
  if (!conflict) return null;
  const { current, attempted } = conflict;
  return (
    <div role="alert" class="problem lab-conflict" data-testid="label-conflict">
      <strong>Someone else labelled this document first.</strong>{' '}
      {current
        ? `${current.by ?? 'Someone'} set “${current.label}”${current.at ? ` at ${new Date(current.at).toLocaleString()}` : ''} (revision ${current.revision}).`
        : 'Its label was removed meanwhile.'}{' '}
      {attempted === null ? 'Your undo was not applied.' : `Your “${attempted}” was not saved.`} Press a number to set
      your label over it, or go on.
    </div>
  );
}

/** The keyboard-first labelling of one queue: the document, its hits, the suggestion, the labels by number. */
export function LabellingWorkspace({
  choice,
  fixedLabels,
  onAddLabel,
}: {
  readonly choice: QueueChoice;
  readonly fixedLabels: readonly string[];
  readonly onAddLabel: (labels: readonly string[]) => void;
}) {
  const session = useLabellingSession(choice);
  const mayLabel = can('label');
  const [labelOrder, setLabelOrder] = useState<string[]>([]);
  const [newLabel, setNewLabel] = useState('');
  const offered = offeredLabels(fixedLabels, session.queue);
  useEffect(() => {
    setLabelOrder((previous) => [...previous, ...offered.filter((label) => !previous.includes(label))]);
  }, [offered.join('\u0000')]);
  const labels = fixedLabels.length > 0 ? [...fixedLabels] : labelOrder;
  const current = session.current;
  const mine = current ? session.labels.get(current.id) : undefined;

  const handler = useRef<(event: KeyboardEvent) => void>(() => undefined);
  handler.current = (event: KeyboardEvent) => {
    if (event.defaultPrevented || isTypingTarget(event.target)) return;
    const control = event.target instanceof HTMLElement ? event.target.closest('a, button') : null;
    if (control && event.key === 'Enter' && !control.closest('.lab-workspace')) return;
    const command = labellingCommand(event, mayLabel ? Math.min(labels.length, 9) : 0);
    if (!command) return;
    event.preventDefault();
    if (command.kind === 'pick') {
      const label = labels[command.index];
      if (label !== undefined) void session.pick(label);
    } else if (command.kind === 'next') session.next();
    else if (command.kind === 'skip') session.skip();
    else if (mayLabel) void session.undo();
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => handler.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const addLabel = (event: Event) => {
    event.preventDefault();
    const label = newLabel.trim();
    if (label === '' || labels.includes(label)) return;
    onAddLabel([...labels, label]);
    setNewLabel('');
  };

  if (session.error && session.items.length === 0) return <ProblemMessage error={session.error} id="lab-queue-error" />;
  const queue = session.queue;
  return (
    <div class="lab-workspace">
      <div class="lab-main">
        {queue && queue.notices.length > 0 ? (
          <div class="banner lab-notices" role="status" aria-label="Notices">
            <ul>
              {queue.notices.map((notice) => (
                <li key={notice}>{notice}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {queue?.order === 'uncertainty' ? (
          <p class="muted">Least confident first: the model is least sure of the documents at the top of this batch.</p>
        ) : null}
        {current ? (
          <article class="lab-document" aria-labelledby="lab-document-title" data-document-id={current.id}>
            <h2 id="lab-document-title">
              Document {session.index + 1} of {session.items.length}
              {session.exhausted ? '' : '+'}
            </h2>
            <p class="muted lab-meta">
              <code>{current.id}</code> · {new Date(current.createdAt).toLocaleString()}
              {current.language ? ` · ${current.language}` : ''} · {current.textLength} characters
              {current.hits.length > 0 ? ` · ${current.hits.length} tagger hits highlighted` : ''}
            </p>
            <SuggestionView item={current} model={queue?.model} />
            <HighlightedText text={current.text} hits={current.hits} />
            {current.truncated ? <p class="muted">Only the first {current.text.length} characters are shown.</p> : null}
          </article>
        ) : session.loading ? (
          <p role="status" class="loading">
            Loading the queue…
          </p>
        ) : (
          <div class="lab-done" role="status" data-testid="queue-empty">
            <p>
              <strong>Nothing left to label in this order.</strong>{' '}
              {session.items.length > 0 ? 'Every document of this batch was labelled or skipped.' : ''}
            </p>
            <button type="button" class="secondary" onClick={session.restart}>
              Load the queue again (skipped documents included)
            </button>
          </div>
        )}
      </div>
      <aside class="lab-side" aria-label="Labelling controls">
        {mayLabel ? (
          <section aria-labelledby="lab-labels-title">
            <h2 id="lab-labels-title">Labels</h2>
            <div role="group" aria-label="Labels" class="lab-labels">
              {labels.map((label, index) => (
                <button
                  key={label}
                  type="button"
                  class={mine?.label === label ? 'lab-label chosen' : 'lab-label secondary'}
                  aria-pressed={mine?.label === label}
                  aria-keyshortcuts={index < 9 ? String(index + 1) : undefined}
                  data-label={label}
                  disabled={!current || session.saving}
                  onClick={() => void session.pick(label)}
                >
                  {index < 9 ? <kbd>{index + 1}</kbd> : null} {label}
                </button>
              ))}
            </div>
            {labels.length === 0 ? <p class="muted">No label yet: add the task's labels below.</p> : null}
            <form class="lab-add" onSubmit={addLabel} aria-label="Add a label">
              <label for="lab-new-label">New label</label>
              <input
                id="lab-new-label"
                maxLength={128}
                value={newLabel}
                onInput={(event) => setNewLabel(event.currentTarget.value)}
              />
              <button type="submit" class="secondary">
                Add
              </button>
            </form>
            <p role="status" class="lab-saved" data-testid="save-status">
              {savedText(session.saving, current ? session.lastSaved : undefined, current?.id)}
            </p>
            <ConflictMessage conflict={session.conflict} />
            <ProblemMessage error={session.items.length > 0 ? session.error : undefined} id="lab-action-error" />
          </section>
        ) : (
          <p class="muted" data-testid="no-label-scope">
            Your key cannot label (it lacks the <code>label</code> scope): you can read the queue only.
          </p>
        )}
        <div class="lab-nav" role="group" aria-label="Move through the queue">
          {mayLabel ? (
            <button
              type="button"
              class="secondary"
              aria-keyshortcuts="u"
              disabled={!session.canUndo || session.saving}
              onClick={() => void session.undo()}
            >
              Undo <kbd>u</kbd>
            </button>
          ) : null}
          <button type="button" class="secondary" aria-keyshortcuts="s" disabled={!current} onClick={session.skip}>
            Skip <kbd>s</kbd>
          </button>
          <button type="button" aria-keyshortcuts="Enter ArrowRight" disabled={!current} onClick={session.next}>
            Next <kbd>Enter</kbd>
          </button>
        </div>
        <p class="muted lab-keys">
          {mayLabel ? (
            <>
              Keys: <kbd>1</kbd>–<kbd>9</kbd> label, <kbd>Enter</kbd> or <kbd>→</kbd> next, <kbd>s</kbd> skip,{' '}
              <kbd>u</kbd> undo the last label.
            </>
          ) : (
            <>
              Keys: <kbd>Enter</kbd> or <kbd>→</kbd> next, <kbd>s</kbd> skip.
            </>
          )}
        </p>
        <LabelProgress progress={session.progress} />
      </aside>
    </div>
  );
}

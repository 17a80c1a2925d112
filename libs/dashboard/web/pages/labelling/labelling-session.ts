import { featureStoreRoutes, type LabelQueue } from '@mlops/contracts';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/api-error.js';
import { callRoute } from '../../api/call-route.js';

/** A document waiting for a label, as the queue serves it. */
export type QueueItem = LabelQueue['items'][number];

/** A label as this session knows it: the value and its revision on the server. */
export interface KnownLabel {
  readonly label: string;
  readonly revision: number;
  readonly by?: string;
  readonly at?: string;
}

/** A write someone else's label refused: what is there now, and what this person tried to set. */
export interface LabelConflictView {
  readonly documentId: string;
  readonly attempted: string | null;
  readonly current: KnownLabel | null;
}

/** What the labelling page chose: the task, the order, the model, how many per batch. */
export interface QueueChoice {
  readonly task: string;
  readonly order: 'oldest' | 'newest' | 'uncertainty';
  readonly model?: string | undefined;
  readonly limit: number;
}

interface HistoryEntry {
  readonly documentId: string;
  readonly previous: KnownLabel | null;
  readonly written: KnownLabel;
}

/** The state of a labelling session and its actions (keyboard and buttons call the same ones). */
export interface LabellingSession {
  readonly items: readonly QueueItem[];
  readonly index: number;
  readonly current: QueueItem | undefined;
  readonly queue: LabelQueue | undefined;
  readonly progress: LabelQueue['progress'] | undefined;
  readonly labels: ReadonlyMap<string, KnownLabel>;
  readonly loading: boolean;
  readonly exhausted: boolean;
  readonly saving: boolean;
  readonly error: ApiError | undefined;
  readonly conflict: LabelConflictView | undefined;
  /** The last label this session saved (null: removed), or found already set by `by`. */
  readonly lastSaved:
    { readonly documentId: string; readonly label: string | null; readonly by?: string | undefined } | undefined;
  readonly canUndo: boolean;
  readonly pick: (label: string) => Promise<void>;
  readonly next: () => void;
  readonly skip: () => void;
  readonly undo: () => Promise<void>;
  readonly restart: () => void;
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(
    {
      type: 'about:blank',
      title: 'Unexpected answer',
      status: 500,
      code: 'UI_UNEXPECTED',
      detail: error instanceof Error ? error.message : String(error),
    },
    'dashboard',
  );
}

function moveCount(progress: LabelQueue['progress'], from: string | null, to: string | null): LabelQueue['progress'] {
  const counts = new Map(progress.perLabel.map((entry) => [entry.label, entry.count]));
  if (from !== null) counts.set(from, Math.max(0, (counts.get(from) ?? 0) - 1));
  if (to !== null) counts.set(to, (counts.get(to) ?? 0) + 1);
  const change = (to === null ? 0 : 1) - (from === null ? 0 : 1);
  return {
    labelled: progress.labelled + change,
    remaining: Math.max(0, progress.remaining - change),
    perLabel: [...counts.entries()]
      .filter(([, count]) => count > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([label, count]) => ({ label, count })),
  };
}

/**
 * A labelling session over a task's queue: loads batches (by date with the cursor, or the least
 * confident again), writes labels with the revision it saw (a 409 becomes a conflict showing who
 * labelled it), skips, and undoes its own last label (restoring the previous one, or removing it).
 */
export function useLabellingSession(choice: QueueChoice): LabellingSession {
  const [items, setItems] = useState<QueueItem[]>([]);
  const [index, setIndex] = useState(0);
  const [queue, setQueue] = useState<LabelQueue | undefined>(undefined);
  const [progress, setProgress] = useState<LabelQueue['progress'] | undefined>(undefined);
  const [labels, setLabels] = useState<ReadonlyMap<string, KnownLabel>>(new Map());
  const [loading, setLoading] = useState(true);
  const [exhausted, setExhausted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [conflict, setConflict] = useState<LabelConflictView | undefined>(undefined);
  const [lastSaved, setLastSaved] = useState<LabellingSession['lastSaved']>(undefined);
  const [round, setRound] = useState(0);
  const history = useRef<HistoryEntry[]>([]);
  const skipped = useRef(new Set<string>());
  const cursor = useRef<string | undefined>(undefined);
  const loadingMore = useRef(false);

  const fetchBatch = useCallback(
    async (signal?: AbortSignal) => {
      const answer = await callRoute(featureStoreRoutes.labels.queue, {
        params: { task: choice.task },
        query: {
          limit: choice.limit,
          order: choice.order,
          ...(choice.model ? { model: choice.model } : {}),
          ...(cursor.current ? { cursor: cursor.current } : {}),
        },
        ...(signal ? { signal } : {}),
      });
      cursor.current = answer.nextCursor;
      return answer;
    },
    [choice.task, choice.order, choice.model, choice.limit],
  );

  useEffect(() => {
    const aborted = new AbortController();
    history.current = [];
    skipped.current = new Set();
    cursor.current = undefined;
    setItems([]);
    setIndex(0);
    setLabels(new Map());
    setLoading(true);
    setExhausted(false);
    setConflict(undefined);
    setLastSaved(undefined);
    setError(undefined);
    fetchBatch(aborted.signal).then(
      (answer) => {
        if (aborted.signal.aborted) return;
        setQueue(answer);
        setProgress(answer.progress);
        setItems(answer.items);
        setExhausted(answer.items.length === 0);
        setLoading(false);
      },
      (caught: unknown) => {
        if (aborted.signal.aborted) return;
        setError(asApiError(caught));
        setLoading(false);
      },
    );
    return () => aborted.abort();
  }, [fetchBatch, round]);

  const loadMore = useCallback(async () => {
    if (loadingMore.current) return;
    loadingMore.current = true;
    setLoading(true);
    try {
      const answer = await fetchBatch();
      setQueue(answer);
      setProgress(answer.progress);
      const fresh = answer.items.filter(
        (item) => !skipped.current.has(item.id) && !items.some((known) => known.id === item.id),
      );
      if (fresh.length === 0) setExhausted(true);
      else setItems((previous) => [...previous, ...fresh]);
      setIndex(items.length);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      loadingMore.current = false;
      setLoading(false);
    }
  }, [fetchBatch, items]);

  const next = useCallback(() => {
    setConflict(undefined);
    setError(undefined);
    if (index + 1 < items.length) setIndex(index + 1);
    else if (exhausted) setIndex(items.length);
    else void loadMore();
  }, [index, items.length, exhausted, loadMore]);

  const current = items[index];

  const resolveConflict = useCallback(
    async (documentId: string, attempted: string | null) => {
      const document = await callRoute(featureStoreRoutes.documents.get, { params: { id: documentId } });
      const now = document.labels[choice.task];
      const known = now ? { label: now.label, revision: now.revision, by: now.by, at: now.at } : null;
      const before = labels.get(documentId)?.label ?? null;
      setLabels((previous) => {
        const updated = new Map(previous);
        if (known) updated.set(documentId, known);
        else updated.delete(documentId);
        return updated;
      });
      setProgress((previous) => previous && moveCount(previous, before, known?.label ?? null));
      if ((known?.label ?? null) === attempted) setLastSaved({ documentId, label: attempted, by: known?.by });
      else setConflict({ documentId, attempted, current: known });
    },
    [choice.task, labels],
  );

  const pick = useCallback(
    async (label: string) => {
      if (!current || saving) return;
      const known = labels.get(current.id) ?? null;
      if (known?.label === label) return;
      setSaving(true);
      setError(undefined);
      setConflict(undefined);
      try {
        const document = await callRoute(featureStoreRoutes.labels.set, {
          params: { id: current.id, task: choice.task },
          body: { label, expectedRevision: known?.revision ?? 0 },
        });
        const stored = document.labels[choice.task];
        const written = { label, revision: stored?.revision ?? (known?.revision ?? 0) + 1 };
        history.current.push({ documentId: current.id, previous: known, written });
        setLabels((previous) => new Map(previous).set(current.id, written));
        setProgress((previous) => previous && moveCount(previous, known?.label ?? null, label));
        setLastSaved({ documentId: current.id, label });
      } catch (caught) {
        const refused = asApiError(caught);
        if (refused.problem.code === 'LABEL_CONFLICT') await resolveConflict(current.id, label).catch(setError);
        else setError(refused);
      } finally {
        setSaving(false);
      }
    },
    [current, saving, labels, choice.task, resolveConflict],
  );

  const undo = useCallback(async () => {
    const entry = history.current.at(-1);
    if (!entry || saving) return;
    const position = items.findIndex((item) => item.id === entry.documentId);
    if (position >= 0) setIndex(position);
    setSaving(true);
    setError(undefined);
    setConflict(undefined);
    try {
      const params = { id: entry.documentId, task: choice.task };
      if (entry.previous) {
        const document = await callRoute(featureStoreRoutes.labels.set, {
          params,
          body: { label: entry.previous.label, expectedRevision: entry.written.revision },
        });
        const stored = document.labels[choice.task];
        const restored = { label: entry.previous.label, revision: stored?.revision ?? entry.written.revision + 1 };
        setLabels((previous) => new Map(previous).set(entry.documentId, restored));
      } else {
        await callRoute(featureStoreRoutes.labels.remove, {
          params,
          query: { expectedRevision: entry.written.revision },
        });
        setLabels((previous) => {
          const updated = new Map(previous);
          updated.delete(entry.documentId);
          return updated;
        });
      }
      history.current.pop();
      setProgress((previous) => previous && moveCount(previous, entry.written.label, entry.previous?.label ?? null));
      setLastSaved({ documentId: entry.documentId, label: entry.previous?.label ?? null });
    } catch (caught) {
      const refused = asApiError(caught);
      if (refused.problem.code === 'LABEL_CONFLICT') {
        history.current.pop();
        await resolveConflict(entry.documentId, entry.previous?.label ?? null).catch(setError);
      } else setError(refused);
    } finally {
      setSaving(false);
    }
  }, [items, saving, choice.task, resolveConflict]);

  const skip = useCallback(() => {
    if (current) skipped.current.add(current.id);
    next();
  }, [current, next]);

  const restart = useCallback(() => setRound((value) => value + 1), []);

  return {
    items,
    index,
    current,
    queue,
    progress,
    labels,
    loading,
    exhausted,
    saving,
    error,
    conflict,
    lastSaved,
    canUndo: history.current.length > 0,
    pick,
    next,
    skip,
    undo,
    restart,
  };
}

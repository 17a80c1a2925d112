import type { LabelQueue, RouteQuery, featureStoreRoutes } from '@mlops/contracts';
import { positionAfter, toPage } from '@mlops/http';
import type { DocumentRepository } from '../documents/document.repository.js';
import type { HitTagger } from './hit-tagger.js';
import type { LabelRepository } from './label.repository.js';
import type { LabelSuggester, Suggestion } from './label-suggester.js';

/** What building a labelling queue needs. */
export interface LabelQueueDeps {
  readonly documents: DocumentRepository;
  readonly labels: LabelRepository;
  readonly suggester: LabelSuggester;
  readonly tagger: HitTagger;
}

type QueueQuery = RouteQuery<typeof featureStoreRoutes.labels.queue>;
interface Waiting {
  readonly id: string;
  readonly createdAt: Date;
}

/** The caller's key and request id, passed on to inference. */
export interface QueueCaller {
  readonly authorization: string | undefined;
  readonly requestId: string;
}

function isAfter(item: Waiting, position: { createdAt: Date; id: string }, newestFirst: boolean): boolean {
  const byDate = item.createdAt.getTime() - position.createdAt.getTime();
  const order = byDate !== 0 ? byDate : item.id < position.id ? -1 : item.id > position.id ? 1 : 0;
  return newestFirst ? order < 0 : order > 0;
}

/** A page by date: after the cursor, `limit` items, and the cursor of the next page. */
function pageByDate(
  waiting: readonly Waiting[],
  query: QueueQuery,
  newestFirst: boolean,
): { items: Waiting[]; nextCursor?: string } {
  const ordered = newestFirst ? [...waiting].reverse() : waiting;
  const position = positionAfter(query.cursor);
  const from = position ? ordered.filter((item) => isAfter(item, position, newestFirst)) : ordered;
  return toPage(
    from.slice(0, query.limit + 1),
    query.limit,
    (item) => item,
    (item) => item,
  );
}

function progressOf(labelled: ReadonlyMap<string, string>, remaining: number): LabelQueue['progress'] {
  const counts = new Map<string, number>();
  for (const label of labelled.values()) counts.set(label, (counts.get(label) ?? 0) + 1);
  return {
    labelled: labelled.size,
    remaining,
    perLabel: [...counts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([label, count]) => ({ label, count })),
  };
}

/**
 * The documents of a task waiting for a label (ready, unlabelled), by date or least confident
 * first, with their (cut) text, the taggers' hits and the production model's suggestions.
 * Suggestions and hits are best effort: when inference or nlp cannot answer, `notices` says why
 * and the queue is still served (by date when uncertainty was asked).
 */
export async function buildLabelQueue(
  deps: LabelQueueDeps,
  task: string,
  query: QueueQuery,
  caller: QueueCaller,
): Promise<LabelQueue> {
  const labelled = await deps.labels.labelled(task);
  const waiting = (await deps.documents.readyByDate()).filter((doc) => !labelled.has(doc.id));
  const model = query.model ?? task;
  const notices: string[] = [];
  let order = query.order;
  let page: readonly Waiting[] = [];
  let nextCursor: string | undefined;
  let texts = new Map<string, { text: string; language?: string }>();
  let suggestions = new Map<string, Suggestion>();
  let version: LabelQueue['model'];

  if (order === 'uncertainty' && waiting.length > 0) {
    const pool = waiting.slice(0, query.pool);
    texts = await deps.documents.textsOf(pool.map((doc) => doc.id));
    const outcome = await deps.suggester.suggest(
      model,
      pool.map((doc) => texts.get(doc.id)?.text ?? ''),
      caller,
    );
    if ('unavailable' in outcome) {
      notices.push(`${outcome.unavailable}; ordered by date instead`);
      order = 'oldest';
    } else {
      version = outcome.model;
      suggestions = new Map(
        pool.flatMap((doc, index) => {
          const suggestion = outcome.suggestions[index];
          return suggestion ? [[doc.id, suggestion] as const] : [];
        }),
      );
      page = [...pool]
        .sort((a, b) => (suggestions.get(a.id)?.confidence ?? 1) - (suggestions.get(b.id)?.confidence ?? 1))
        .slice(0, query.limit);
      if (waiting.length > pool.length)
        notices.push(`the ${pool.length} oldest of ${waiting.length} unlabelled documents were scored (pool)`);
    }
  }
  if (order !== 'uncertainty' || waiting.length === 0) {
    const byDate = pageByDate(waiting, query, order === 'newest');
    page = byDate.items;
    nextCursor = byDate.nextCursor;
    const missing = page.filter((doc) => !texts.has(doc.id)).map((doc) => doc.id);
    if (missing.length > 0) texts = new Map([...texts, ...(await deps.documents.textsOf(missing))]);
    if (page.length > 0 && suggestions.size === 0) {
      const outcome = await deps.suggester.suggest(
        model,
        page.map((doc) => texts.get(doc.id)?.text ?? ''),
        caller,
      );
      if ('unavailable' in outcome) {
        if (!notices.some((notice) => notice.startsWith(outcome.unavailable))) notices.push(outcome.unavailable);
      } else {
        version = outcome.model;
        suggestions = new Map(
          page.flatMap((doc, index) => {
            const suggestion = outcome.suggestions[index];
            return suggestion ? [[doc.id, suggestion] as const] : [];
          }),
        );
      }
    }
  }

  const cut = page.map((doc) => (texts.get(doc.id)?.text ?? '').slice(0, query.maxChars));
  const hits = await deps.tagger.hitsOf(cut, caller.requestId);
  if (!hits && page.length > 0) notices.push('nlp could not tag the texts: no hits highlighted');
  return {
    task,
    order,
    ...(version ? { model: version } : {}),
    notices,
    hitsAvailable: hits !== undefined,
    items: page.map((doc, index) => {
      const stored = texts.get(doc.id);
      const full = stored?.text ?? '';
      const suggestion = suggestions.get(doc.id);
      return {
        id: doc.id,
        createdAt: doc.createdAt.toISOString(),
        text: cut[index] ?? '',
        textLength: full.length,
        truncated: full.length > query.maxChars,
        ...(stored?.language ? { language: stored.language } : {}),
        hits: hits?.[index] ?? [],
        ...(suggestion
          ? {
              suggestion: {
                label: suggestion.label,
                confidence: suggestion.confidence,
                probabilities: [...suggestion.probabilities],
              },
            }
          : {}),
      };
    }),
    ...(nextCursor ? { nextCursor } : {}),
    progress: progressOf(labelled, waiting.length),
  };
}

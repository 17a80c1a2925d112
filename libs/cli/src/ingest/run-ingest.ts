import type { DocumentStatus } from '@mlops/contracts';
import type { CommandContext } from '../core/context.js';
import { pollUntil } from '../core/wait.js';
import { StallWatch, stallHint } from './stall-watch.js';
import { progressBar } from '../output/progress-bar.js';
import type { IngestItem, IngestSummary } from './ingest-items.js';

const FILES_PER_REQUEST = 25;
const RECORDS_PER_REQUEST = 500;
const CHECKS_PER_ROUND = 500;
/** Upload requests sent at once: the feature-store streams each into storage while the next arrives. */
const UPLOADS_IN_FLIGHT = 4;

interface Tracked {
  readonly source: string;
  status: DocumentStatus;
  duplicate: boolean;
  error?: { code: string; message: string };
}

type Batch =
  | { kind: 'records'; items: Extract<IngestItem, { kind: 'record' }>[] }
  | { kind: 'files'; items: Extract<IngestItem, { kind: 'file' }>[] };

function batchesOf(items: readonly IngestItem[]): Batch[] {
  const records = items.filter((item) => item.kind === 'record');
  const batches: Batch[] = [];
  for (let i = 0; i < records.length; i += RECORDS_PER_REQUEST) {
    batches.push({ kind: 'records', items: records.slice(i, i + RECORDS_PER_REQUEST) });
  }
  const groups = new Map<string, Extract<IngestItem, { kind: 'file' }>[]>();
  for (const item of items) {
    if (item.kind !== 'file') continue;
    const key = JSON.stringify([item.labels, item.metadata]);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i += FILES_PER_REQUEST) {
      batches.push({ kind: 'files', items: group.slice(i, i + FILES_PER_REQUEST) });
    }
  }
  return batches;
}

async function upload(context: CommandContext, batch: Batch) {
  const { documents } = context.clients.featureStore;
  if (batch.kind === 'records') {
    const answer = await documents.upload({ body: { records: batch.items.map((item) => item.record) } });
    return answer.items.map((receipt, index) => ({ receipt, source: batch.items[index]?.source ?? receipt.id }));
  }
  const [first] = batch.items;
  const answer = await documents.upload({
    upload: {
      encoding: 'multipart',
      fields: {
        ...(first && Object.keys(first.metadata).length > 0 ? { metadata: first.metadata } : {}),
        ...(first && Object.keys(first.labels).length > 0 ? { labels: first.labels } : {}),
      },
      files: batch.items.map((item) => ({ content: item.content, filename: item.filename })),
    },
  });
  return answer.items.map((receipt, index) => ({ receipt, source: batch.items[index]?.filename ?? receipt.id }));
}

const isFinal = (status: DocumentStatus): boolean => status === 'ready' || status === 'failed';

/**
 * Uploads the items (records 500 a request, files 25 a request grouped by labels and metadata),
 * then, with `wait`, follows every document to `ready` or `failed` with a progress bar. Ctrl-C
 * stops the wait (the documents go on being processed): uploading again is deduplicated.
 */
export async function runIngest(
  context: CommandContext,
  items: readonly IngestItem[],
  options: {
    readonly wait: boolean;
    readonly invalidLines?: IngestSummary['invalidLines'];
  },
): Promise<IngestSummary> {
  const started = Date.now();
  const bar = progressBar(
    context.out,
    '{phase} [{bar}] {value}/{total} | ready {ready}, duplicate {duplicate}, failed {failed} | ETA {eta_formatted}',
  );
  const tracked = new Map<string, Tracked>();
  const tally = () => {
    let ready = 0;
    let failed = 0;
    let duplicate = 0;
    for (const doc of tracked.values()) {
      if (doc.duplicate) duplicate += 1;
      if (doc.status === 'ready') ready += 1;
      if (doc.status === 'failed') failed += 1;
    }
    return { ready, failed, duplicate };
  };
  bar.start(items.length, 'upload ', { ready: 0, duplicate: 0, failed: 0 });
  let sent = 0;
  try {
    const batches = batchesOf(items);
    let next = 0;
    const uploader = async (): Promise<void> => {
      for (let batch = batches[next++]; batch !== undefined; batch = batches[next++]) {
        for (const { receipt, source } of await upload(context, batch)) {
          const known = tracked.get(receipt.id);
          tracked.set(receipt.id, {
            source,
            status: receipt.status,
            duplicate: receipt.duplicate || known !== undefined,
          });
        }
        sent += batch.items.length;
        bar.update(sent, tally());
      }
    };
    await Promise.all(Array.from({ length: Math.min(UPLOADS_IN_FLIGHT, batches.length) }, uploader));
    if (options.wait) await followProcessing(context, tracked, tally, bar);
  } finally {
    bar.stop();
  }
  if (options.wait) await readFailures(context, tracked);
  const { ready, failed, duplicate } = tally();
  return {
    documents: tracked.size,
    ready,
    duplicate,
    failed,
    pending: [...tracked.values()].filter((doc) => !isFinal(doc.status)).length,
    failures: [...tracked.entries()]
      .filter(([, doc]) => doc.status === 'failed')
      .map(([id, doc]) => ({
        id,
        source: doc.source,
        code: doc.error?.code ?? 'UNKNOWN',
        message: doc.error?.message ?? '',
      })),
    invalidLines: options.invalidLines ?? [],
    documentIds: [...tracked.keys()],
    seconds: (Date.now() - started) / 1000,
  };
}

async function followProcessing(
  context: CommandContext,
  tracked: Map<string, Tracked>,
  tally: () => Record<string, number>,
  bar: ReturnType<typeof progressBar>,
): Promise<void> {
  const done = () => [...tracked.values()].filter((doc) => isFinal(doc.status)).length;
  const stall = new StallWatch();
  bar.start(tracked.size, 'process', tally());
  bar.update(done(), tally());
  /** Says once what to check when no document settled for a minute (the bar is drawn again below it). */
  const tellWhenStalled = (): void => {
    const settled = done();
    if (!stall.observe(settled, Date.now())) return;
    bar.stop();
    context.out.note(stallHint(tracked.size - settled));
    bar.start(tracked.size, 'process', tally());
    bar.update(settled, tally());
  };
  /** Checks the oldest pending documents (one status request); answers how many of them settled. */
  const round = async (pending: readonly (readonly [string, Tracked])[]): Promise<number> => {
    const { items: docs } = await context.clients.featureStore.documents.statuses({
      body: { ids: pending.map(([id]) => id) },
    });
    let settled = 0;
    for (const doc of docs) {
      const entry = tracked.get(doc.id);
      if (entry) {
        entry.status = doc.status;
        if (doc.error) entry.error = doc.error;
        if (isFinal(doc.status)) settled += 1;
      }
    }
    bar.update(done(), tally());
    tellWhenStalled();
    return settled;
  };
  await pollUntil(
    async () => {
      for (;;) {
        const pending = [...tracked.entries()].filter(([, doc]) => !isFinal(doc.status)).slice(0, CHECKS_PER_ROUND);
        if (pending.length === 0) return true;
        const settled = await round(pending);
        // Checks again at once while most of a round had settled (processing is ahead of the checks);
        // otherwise pollUntil waits its interval.
        if (settled < pending.length / 2 || context.io.signal.aborted) return undefined;
      }
    },
    {
      signal: context.io.signal,
      intervalMs: 300,
      resumeHint:
        'The documents go on being processed; run the same command again to watch (uploads are deduplicated), or `mlops status`.',
    },
  );
}

async function readFailures(context: CommandContext, tracked: Map<string, Tracked>): Promise<void> {
  const unexplained = [...tracked.entries()].filter(([, doc]) => doc.status === 'failed' && !doc.error).slice(0, 200);
  for (const [id, entry] of unexplained) {
    const doc = await context.clients.featureStore.documents.get({ params: { id } });
    if (doc.error) entry.error = doc.error;
  }
}

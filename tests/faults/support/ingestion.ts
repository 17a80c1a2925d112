import { multipartBody } from '@mlops/testing';
import type { FaultInfra } from './fault-infra.js';
import { AUTHORIZATION, type RunningService } from './service-fleet.js';

/** The label task every fault corpus is labelled for. */
export const FAULT_TASK = 'faults';

const SENTENCES = [
  'Meeting moved to Thursday at ten, please bring the quarterly figures and the draft budget.',
  'WINNER! You have been selected to receive a free cruise, click now to claim your prize.',
  'The build server will be down for maintenance tonight between midnight and two.',
  'Cheap meds without prescription, lowest prices guaranteed, order now and save.',
  'Could you review my pull request before lunch? It only touches the billing module.',
];

/** One record or file of a fault corpus, with the label it carries. */
export interface CorpusItem {
  readonly text: string;
  readonly label: string;
  readonly asFile: boolean;
}

/** `count` distinct English texts tagged with the scenario; every tenth is sent as a .txt file (document-recognition). */
export function faultCorpus(scenario: string, count: number): CorpusItem[] {
  return Array.from({ length: count }, (_, index) => ({
    text: `${SENTENCES[index % SENTENCES.length] ?? ''} Item ${index} of the ${scenario} fault run.`,
    label: index % 2 === 0 ? 'ham' : 'spam',
    asFile: index % 10 === 9,
  }));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends items to feature-store as a client would: records in one JSON batch, files one multipart
 * upload each, every request retried (up to `deadlineMs`) until it is answered 2xx, since a 5xx
 * during an outage tells the client to send again.
 */
export async function sendCorpus(
  store: RunningService,
  scenario: string,
  items: readonly CorpusItem[],
  deadlineMs = 150_000,
): Promise<void> {
  const records = items.filter((item) => !item.asFile);
  const requests: (() => Promise<Response>)[] = [];
  if (records.length > 0)
    requests.push(() =>
      fetch(`${store.baseUrl}/v1/documents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...AUTHORIZATION },
        body: JSON.stringify({
          records: records.map((item) => ({
            text: item.text,
            metadata: { scenario },
            labels: { [FAULT_TASK]: item.label },
          })),
        }),
        signal: AbortSignal.timeout(30_000),
      }),
    );
  for (const item of items.filter((entry) => entry.asFile)) {
    const body = multipartBody([
      { field: 'metadata', bytes: Buffer.from(JSON.stringify({ scenario })) },
      { field: 'labels', bytes: Buffer.from(JSON.stringify({ [FAULT_TASK]: item.label })) },
      { filename: 'note.txt', contentType: 'text/plain', bytes: Buffer.from(`${item.text}\n`) },
    ]);
    requests.push(() =>
      fetch(`${store.baseUrl}/v1/documents`, {
        method: 'POST',
        headers: { ...body.headers, ...AUTHORIZATION },
        body: body.payload,
        signal: AbortSignal.timeout(30_000),
      }),
    );
  }
  const deadline = Date.now() + deadlineMs;
  await Promise.all(
    requests.map(async (send) => {
      for (;;) {
        const response = await send().catch(() => undefined);
        await response?.arrayBuffer().catch(() => undefined);
        if (response && response.status < 300) return;
        if (response && response.status < 500)
          throw new Error(`feature-store refused a fault corpus request: ${response.status}`);
        if (Date.now() > deadline) throw new Error('feature-store never accepted a fault corpus request');
        await sleep(1000);
      }
    }),
  );
}

/** What the database holds for a scenario's corpus. */
export interface CorpusState {
  readonly documents: number;
  readonly ready: number;
  readonly failedWithReason: number;
  readonly unsettled: number;
  readonly labelled: number;
  readonly ids: readonly string[];
}

/** Counts the scenario's documents by outcome, and those of them labelled for the fault task. */
export async function corpusState(infra: FaultInfra, scenario: string): Promise<CorpusState> {
  return infra.withDb(async (client) => {
    const db = client.db(infra.dbName);
    const docs = await db
      .collection<{ _id: string; status: string; error?: { code?: string } }>('documents')
      .find({ 'metadata.scenario': scenario }, { projection: { _id: 1, status: 1, error: 1 } })
      .toArray();
    const ids = docs.map((doc) => doc._id);
    const labelled = await db
      .collection('document_labels')
      .countDocuments({ documentId: { $in: ids }, task: FAULT_TASK });
    const ready = docs.filter((doc) => doc.status === 'ready').length;
    const failedWithReason = docs.filter((doc) => doc.status === 'failed' && doc.error?.code).length;
    return {
      documents: docs.length,
      ready,
      failedWithReason,
      unsettled: docs.length - ready - failedWithReason,
      labelled,
      ids,
    };
  });
}

import type { IngestFile } from './corpora.js';

/** Files per request and requests in flight, as `mlops ingest` sends them (libs/cli run-ingest). */
const FILES_PER_REQUEST = 25;
const UPLOADS_IN_FLIGHT = 4;

/**
 * Uploads files over HTTP as multipart bodies grouped by labels, 25 a request and 4 requests in
 * flight (as the CLI does); answers the ids of the documents that were new. A 5xx is retried twice.
 */
export async function uploadFiles(
  baseUrl: string,
  headers: Record<string, string>,
  files: readonly IngestFile[],
): Promise<{ created: string[]; retries: number }> {
  const groups = new Map<string, IngestFile[]>();
  for (const file of files) {
    const key = JSON.stringify(file.labels);
    groups.set(key, [...(groups.get(key) ?? []), file]);
  }
  const requests: IngestFile[][] = [];
  for (const group of groups.values())
    for (let i = 0; i < group.length; i += FILES_PER_REQUEST) requests.push(group.slice(i, i + FILES_PER_REQUEST));
  const created: string[] = [];
  let retries = 0;
  let next = 0;
  const send = async (batch: readonly IngestFile[]): Promise<Response> => {
    const form = new FormData();
    form.append('labels', JSON.stringify(batch[0]?.labels ?? {}));
    for (const file of batch) form.append('file', new Blob([file.content]), file.filename);
    return fetch(`${baseUrl}/v1/documents`, { method: 'POST', headers, body: form });
  };
  const uploader = async (): Promise<void> => {
    for (let batch = requests[next++]; batch !== undefined; batch = requests[next++]) {
      let response = await send(batch);
      for (let attempt = 1; response.status >= 500 && attempt < 3; attempt++) {
        retries += 1;
        await new Promise((resolve) => setTimeout(resolve, 2000));
        response = await send(batch);
      }
      if (response.status >= 400) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
      const { items } = (await response.json()) as { items: { id: string; duplicate: boolean }[] };
      created.push(...items.filter((item) => !item.duplicate).map((item) => item.id));
    }
  };
  await Promise.all(Array.from({ length: Math.min(UPLOADS_IN_FLIGHT, requests.length) }, uploader));
  return { created, retries };
}

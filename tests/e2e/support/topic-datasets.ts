import type { HttpApp } from '@mlops/http';
import { topicCorpus, waitFor } from '@mlops/testing';
import { expect } from 'vitest';
import { multipartBody } from '../../../services/feature-store/test/multipart-body.js';

/** The labels of the rows permuted among them (seeded): the texts no longer say anything about their label. */
function shuffled(labels: readonly string[], seed: number): string[] {
  let state = seed >>> 0 || 1;
  const out = [...labels];
  for (let index = out.length - 1; index > 0; index -= 1) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const other = Math.floor((state / 4294967296) * (index + 1));
    [out[index], out[other]] = [out[other] ?? '', out[index] ?? ''];
  }
  return out;
}

/**
 * Imports `count` topic texts into a running feature-store, each labelled for two tasks: `topic`
 * (its true topic) and `shuffled` (the topics permuted among the texts); waits until all are
 * `ready`, then defines and freezes one dataset per task (`<prefix>-true`, `<prefix>-shuffled`).
 */
export async function importTopicDatasets(store: HttpApp, prefix: string, count: number): Promise<void> {
  const rows = topicCorpus(count, 5);
  const permuted = shuffled(
    rows.map((row) => row.label),
    5,
  );
  const lines = rows
    .map((row, index) => JSON.stringify({ text: row.text, labels: { topic: row.label, shuffled: permuted[index] } }))
    .join('\n');
  const body = multipartBody([
    { kind: 'file', name: 'file', filename: 'topics.jsonl', type: 'application/x-ndjson', content: Buffer.from(lines) },
  ]);
  expect((await store.inject({ method: 'POST', url: '/v1/imports', ...body })).statusCode).toBe(200);
  await waitFor(async () => {
    const listed = (
      await store.inject({ method: 'GET', url: `/v1/documents?task=topic&status=ready&limit=${count}` })
    ).json<{ items: unknown[] }>();
    return listed.items.length === count ? true : undefined;
  }, 120_000);
  for (const [suffix, task] of [
    ['true', 'topic'],
    ['shuffled', 'shuffled'],
  ] as const) {
    const name = `${prefix}-${suffix}`;
    expect((await store.inject({ method: 'POST', url: '/v1/datasets', payload: { name, task } })).statusCode).toBe(201);
    expect((await store.inject({ method: 'POST', url: `/v1/datasets/${name}/versions` })).statusCode).toBe(201);
  }
}

import type { HttpApp } from '@mlops/http';
import { waitFor } from '@mlops/testing';
import { expect } from 'vitest';
import { multipartBody } from '../../../services/feature-store/test/multipart-body.js';
import { readWordnetNounGlosses, sampleByClass, toImportLines } from '../../../tools/corpora/wordnet-glosses.js';

/**
 * Imports 12 WordNet noun glosses of each of `lexnames` into a running feature-store as a JSON
 * Lines file (task `lexname`) and waits until every one is processed to `ready`; returns how
 * many were imported.
 */
export async function importGlosses(store: HttpApp, lexnames: readonly string[]): Promise<number> {
  const glosses = sampleByClass(readWordnetNounGlosses(), 12).filter((gloss) => lexnames.includes(gloss.lexname));
  const body = multipartBody([
    {
      kind: 'file',
      name: 'file',
      filename: 'glosses.jsonl',
      type: 'application/x-ndjson',
      content: Buffer.from(toImportLines(glosses)),
    },
  ]);
  expect((await store.inject({ method: 'POST', url: '/v1/imports', ...body })).statusCode).toBe(200);
  await waitFor(async () => {
    const listed = (
      await store.inject({ method: 'GET', url: '/v1/documents?task=lexname&status=ready&limit=200' })
    ).json<{ items: unknown[] }>();
    return listed.items.length === glosses.length ? true : undefined;
  }, 120_000);
  return glosses.length;
}

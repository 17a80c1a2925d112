import { QUICK_RETRY, type CallOptions } from '@mlops/clients';
import type { ModelVersion } from '@mlops/contracts';
import type { Upstreams } from './upstreams.js';

/** Largest `manifest.json` read (manifests are a few hundred kB). */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const MANIFEST = 'manifest.json';

/** A version's manifest as parsed JSON, or undefined when the folder has none or it is not JSON. */
export async function readManifest(
  upstreams: Upstreams,
  version: ModelVersion,
  options: Pick<CallOptions, 'signal'> = {},
): Promise<unknown> {
  if (!version.files.some((file) => file.path === MANIFEST)) return undefined;
  const answer = await upstreams.registry.versions.file(
    { params: { name: version.name, version: version.version, '*': MANIFEST } },
    { retry: QUICK_RETRY, maxResponseBytes: MAX_MANIFEST_BYTES, ...options },
  );
  const chunks: Buffer[] = [];
  for await (const chunk of answer.body) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function recordOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The task a manifest names (`model.task`), read leniently; undefined when absent. */
export function manifestTask(manifest: unknown): string | undefined {
  const task = recordOf(recordOf(manifest)?.model)?.task;
  return typeof task === 'string' ? task : undefined;
}

/** The ids of the test examples listed under the manifest's worst confusions (`metrics.test.worstConfusions`). */
export function worstConfusionIds(manifest: unknown): Set<string> {
  const test = recordOf(recordOf(recordOf(manifest)?.metrics)?.test);
  const pairs = Array.isArray(test?.worstConfusions) ? (test.worstConfusions as unknown[]) : [];
  const ids = new Set<string>();
  for (const pair of pairs) {
    const examples = recordOf(pair)?.examples;
    if (!Array.isArray(examples)) continue;
    for (const example of examples as unknown[]) {
      const id = recordOf(example)?.id;
      if (typeof id === 'string') ids.add(id);
    }
  }
  return ids;
}

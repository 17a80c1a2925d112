import { createServiceClient, folderChecksum, UpstreamError } from '@mlops/clients';
import { REGISTRY_ERROR_CODES, registryRoutes } from '@mlops/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisteredFolder } from './stand-in-registry.js';
import { sha256 } from './sha256.js';
import { TEST_KEYS } from './test-keys.js';

/** A registry the contract suite runs against: the real one (dl-trainer) or the stand-in. */
export interface RegistryContractTarget {
  readonly baseUrl: string;
  /** Adds the next version of `name` with these files, the way this registry gets versions; returns its number. */
  addVersion(name: string, files: RegisteredFolder): Promise<number>;
  close(): Promise<void>;
}

function folder(labels: readonly string[], weights: string): RegisteredFolder {
  return new Map<string, Uint8Array>([
    ['manifest.json', Buffer.from(JSON.stringify({ labels, metrics: { macroF1: 0.9 } }))],
    ['model.onnx', Buffer.from(weights.repeat(64))],
    ['vocab/words.txt', Buffer.from('alpha\nbeta\n')],
  ]);
}

async function refusal(call: Promise<unknown>): Promise<UpstreamError> {
  const error: unknown = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

/**
 * The contract of the model registry's read and alias routes, as inference relies on it, run
 * through the typed client (every answer validated against the route descriptors) against any
 * target: the same suite runs against dl-trainer's real registry and the stand-in, so the two
 * cannot drift apart (the way Optuna runs one storage suite over every backend).
 */
export function registryContractSuite(label: string, open: () => Promise<RegistryContractTarget>): void {
  describe(`model registry contract: ${label}`, () => {
    let target: RegistryContractTarget;
    let registry: ReturnType<typeof createServiceClient<typeof registryRoutes>>;
    const name = `contract-${Date.now().toString(36)}`;
    const first = folder(['ham', 'spam'], 'w1');
    const second = folder(['ham', 'spam'], 'w2');

    beforeAll(async () => {
      target = await open();
      registry = createServiceClient(registryRoutes, {
        baseUrl: target.baseUrl,
        timeoutMs: 10_000,
        apiKey: TEST_KEYS.admin,
      });
    });

    afterAll(async () => {
      await (target as RegistryContractTarget | undefined)?.close();
    });

    it('answers 404 with the registry codes for an unknown model, alias, version and file', async () => {
      const unknownModel = await refusal(registry.aliases.resolve({ params: { name, alias: 'production' } }));
      expect(unknownModel).toMatchObject({ kind: 'refused', status: 404, code: REGISTRY_ERROR_CODES.modelNotFound });
      expect(await target.addVersion(name, first)).toBe(1);
      const unknownAlias = await refusal(registry.aliases.resolve({ params: { name, alias: 'production' } }));
      expect(unknownAlias).toMatchObject({ status: 404, code: REGISTRY_ERROR_CODES.aliasNotFound });
      const unknownVersion = await refusal(registry.versions.get({ params: { name, version: 9 } }));
      expect(unknownVersion).toMatchObject({ status: 404, code: REGISTRY_ERROR_CODES.versionNotFound });
      const unknownFile = await refusal(registry.versions.file({ params: { name, version: 1, '*': 'nope.bin' } }));
      expect(unknownFile).toMatchObject({ status: 404, code: REGISTRY_ERROR_CODES.fileNotFound });
    });

    it('refuses an invalid name with a 400 that points at it', async () => {
      const invalid = await refusal(registry.versions.get({ params: { name: 'Not A Slug', version: 1 } }));
      expect(invalid).toMatchObject({ kind: 'refused', status: 400, code: 'HTTP_VALIDATION_FAILED' });
      expect(invalid.fieldErrors.map((error) => error.pointer)).toContain('/params/name');
    });

    it('lists a version with its files, sizes, sha256, labels and folder checksum', async () => {
      const version = await registry.versions.get({ params: { name, version: 1 } });
      const files = [...first.entries()]
        .map(([path, content]) => ({ path, size: content.length, sha256: sha256(content) }))
        .sort((a, b) => (a.path < b.path ? -1 : 1));
      expect(version).toMatchObject({ name, version: 1, labels: ['ham', 'spam'], files });
      expect(version.folderChecksum).toBe(folderChecksum(files));
      expect(version.totalBytes).toBe(files.reduce((sum, file) => sum + file.size, 0));
    });

    it('sends every file byte for byte', async () => {
      for (const [path, content] of first) {
        const answer = await registry.versions.file({ params: { name, version: 1, '*': path } });
        const chunks: Buffer[] = [];
        for await (const chunk of answer.body) chunks.push(chunk as Buffer);
        expect(sha256(Buffer.concat(chunks))).toBe(sha256(content));
        expect(answer.headers.get('etag')).toBe(`"${sha256(content)}"`);
      }
    });

    it('moves an alias with an audited move and resolves it to the version', async () => {
      const moved = await registry.aliases.put({
        params: { name, alias: 'production' },
        body: { version: 1, reason: 'first' },
      });
      expect(moved).toMatchObject({ name, alias: 'production', version: 1, previousVersion: null, reason: 'first' });
      const resolved = await registry.aliases.resolve({ params: { name, alias: 'production' } });
      expect(resolved).toMatchObject({
        version: 1,
        modelVersion: await registry.versions.get({ params: { name, version: 1 } }),
      });

      expect(await target.addVersion(name, second)).toBe(2);
      const promoted = await registry.aliases.put({
        params: { name, alias: 'production' },
        body: { version: 2, reason: 'better' },
      });
      expect(promoted).toMatchObject({ version: 2, previousVersion: 1, sequence: moved.sequence + 1 });
      const again = await registry.aliases.put({
        params: { name, alias: 'production' },
        body: { version: 2, reason: 'retry' },
      });
      expect(again.sequence).toBe(promoted.sequence);
      expect((await registry.aliases.resolve({ params: { name, alias: 'production' } })).modelVersion.version).toBe(2);
    });

    it('refuses to point an alias at a version that does not exist', async () => {
      const missing = await refusal(
        registry.aliases.put({ params: { name, alias: 'canary' }, body: { version: 7, reason: 'typo' } }),
      );
      expect(missing).toMatchObject({ status: 404, code: REGISTRY_ERROR_CODES.versionNotFound });
    });

    it('removes an alias, after which it resolves to 404, and removing it again changes nothing', async () => {
      await registry.aliases.put({ params: { name, alias: 'shadow' }, body: { version: 1, reason: 'watch' } });
      const removed = await registry.aliases.remove({ params: { name, alias: 'shadow' }, query: { reason: 'done' } });
      expect(removed).toMatchObject({ version: null, previousVersion: 1, reason: 'done' });
      const gone = await refusal(registry.aliases.resolve({ params: { name, alias: 'shadow' } }));
      expect(gone).toMatchObject({ status: 404, code: REGISTRY_ERROR_CODES.aliasNotFound });
      const again = await registry.aliases.remove({ params: { name, alias: 'shadow' }, query: { reason: 'twice' } });
      expect(again.sequence).toBe(removed.sequence);
      const never = await refusal(
        registry.aliases.remove({ params: { name, alias: 'never' }, query: { reason: 'x' } }),
      );
      expect(never).toMatchObject({ status: 404, code: REGISTRY_ERROR_CODES.aliasNotFound });
    });
  });
}

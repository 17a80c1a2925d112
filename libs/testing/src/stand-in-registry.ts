import type { AddressInfo } from 'node:net';
import { folderChecksum } from '@mlops/clients';
import { REGISTRY_ERRORS, registryRoutes, type AliasMove, type ModelVersion } from '@mlops/contracts';
import { createHttpApp, defineErrors, registerRoute, type HttpApp } from '@mlops/http';
import { createLogger } from '@mlops/logger';
import { sha256 } from './sha256.js';

/** A model folder as the trainer registers it: path (`manifest.json`, `model.onnx`) → bytes. */
export type RegisteredFolder = ReadonlyMap<string, Uint8Array>;

interface StoredVersion {
  readonly metadata: ModelVersion;
  readonly files: RegisteredFolder;
  /** Paths whose downloads send other bytes than the listed sha256: a transfer that corrupts a file. */
  readonly corruptOnTheWire: Set<string>;
}

const CREATED_AT = '2026-01-01T00:00:00.000Z';

const errors = defineErrors(REGISTRY_ERRORS);

function labelsOf(files: RegisteredFolder): string[] {
  const manifest = files.get('manifest.json');
  if (!manifest) return [];
  const parsed = JSON.parse(Buffer.from(manifest).toString('utf8')) as { labels?: string[] };
  return parsed.labels ?? [];
}

function metadataOf(name: string, version: number, files: RegisteredFolder): ModelVersion {
  const listed = [...files.entries()]
    .map(([path, content]) => ({ path, size: content.length, sha256: sha256(content) }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  return {
    name,
    version,
    source: 'import',
    createdAt: CREATED_AT,
    createdBy: 'stand-in',
    labels: labelsOf(files),
    metrics: {},
    files: listed,
    folderChecksum: folderChecksum(listed),
    totalBytes: listed.reduce((sum, file) => sum + file.size, 0),
  };
}

/**
 * A stand-in for dl-trainer's model registry, for inference's tests and the serving benchmark:
 * a real HTTP server on loopback whose routes are registered from the same descriptors as the
 * real registry (`registryRoutes`), so its answers are type-checked and validated against the
 * contract, and `registryContractSuite` runs against it and the real registry alike. Versions
 * and aliases are set from the test (`register`, `moveAlias`) or through the alias routes;
 * `corruptTransfer` makes a download send other bytes than listed.
 */
export class StandInRegistry {
  readonly #versions = new Map<string, StoredVersion[]>();
  /** The latest move of each alias (`version: null` once removed). */
  readonly #aliases = new Map<string, AliasMove>();
  /** The paths of every file download answered, in order. */
  readonly downloads: string[] = [];
  #app: HttpApp | undefined;

  /** Starts listening on loopback; returns the base URL. */
  async start(): Promise<string> {
    const app = await createHttpApp({
      service: 'stand-in-registry',
      version: '0.0.0',
      description: 'Stand-in for the model registry (tests and benchmarks)',
      logger: createLogger({ service: 'stand-in-registry', level: 'silent' }),
      bodyLimitBytes: 64 * 1024,
    });
    this.#registerRoutes(app);
    this.#app = app;
    await app.listen({ host: '127.0.0.1', port: 0 });
    return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }

  /** Stops listening; resolves once open connections are closed. */
  async stop(): Promise<void> {
    await this.#app?.close();
  }

  /** Adds the next version of `name`; returns its number. */
  register(name: string, files: RegisteredFolder): number {
    const versions = this.#versions.get(name) ?? [];
    versions.push({ metadata: metadataOf(name, versions.length + 1, files), files, corruptOnTheWire: new Set() });
    this.#versions.set(name, versions);
    return versions.length;
  }

  /** Points an alias at a version (an audited move, as the real registry records it). */
  moveAlias(name: string, alias: string, version: number, reason = 'test'): AliasMove {
    return this.#appendMove(name, alias, version, reason);
  }

  /** Removes an alias (resolving it answers 404 again); removing it again changes nothing. */
  removeAlias(name: string, alias: string, reason = 'test'): AliasMove {
    return this.#appendMove(name, alias, null, reason);
  }

  #appendMove(name: string, alias: string, version: number | null, reason: string): AliasMove {
    const previous = this.#aliases.get(`${name}:${alias}`);
    if (previous?.version === version) return previous;
    const move: AliasMove = {
      name,
      alias,
      sequence: (previous?.sequence ?? 0) + 1,
      version,
      previousVersion: previous?.version ?? null,
      movedBy: 'stand-in',
      reason,
      movedAt: new Date().toISOString(),
    };
    this.#aliases.set(`${name}:${alias}`, move);
    return move;
  }

  /** Makes downloads of one file of a version send other bytes than the listed sha256. */
  corruptTransfer(name: string, version: number, path: string): void {
    this.#versions.get(name)?.[version - 1]?.corruptOnTheWire.add(path);
  }

  #version(name: string, version: number): StoredVersion {
    const versions = this.#versions.get(name);
    if (!versions) throw errors.modelNotFound(`no model ${name}`);
    const stored = versions[version - 1];
    if (!stored) throw errors.versionNotFound(`model ${name} has no version ${version}`);
    return stored;
  }

  #registerRoutes(app: HttpApp): void {
    const { aliases, versions } = registryRoutes;
    registerRoute(app, versions.get, (request) => this.#version(request.params.name, request.params.version).metadata);

    registerRoute(app, versions.file, (request, reply) => {
      const { name, version, '*': path } = request.params;
      const stored = this.#version(name, version);
      const content = stored.files.get(path);
      if (!content) throw errors.fileNotFound(`version ${version} of ${name} has no file ${path}`);
      this.downloads.push(request.url);
      const sent = stored.corruptOnTheWire.has(path) ? Buffer.concat([content, Buffer.from('tampered')]) : content;
      return reply
        .type('application/octet-stream')
        .header('etag', `"${sha256(content)}"`)
        .send(Buffer.from(sent));
    });

    registerRoute(app, aliases.resolve, (request) => {
      const { name, alias } = request.params;
      if (!this.#versions.has(name)) throw errors.modelNotFound(`no model ${name}`);
      const move = this.#aliases.get(`${name}:${alias}`);
      if (move?.version == null) throw errors.aliasNotFound(`model ${name} has no alias ${alias}`);
      return { ...move, version: move.version, modelVersion: this.#version(name, move.version).metadata };
    });

    registerRoute(app, aliases.put, (request) => {
      const { name, alias } = request.params;
      this.#version(name, request.body.version);
      return this.moveAlias(name, alias, request.body.version, request.body.reason);
    });

    registerRoute(app, aliases.remove, (request) => {
      const { name, alias } = request.params;
      if (!this.#versions.has(name)) throw errors.modelNotFound(`no model ${name}`);
      if (!this.#aliases.has(`${name}:${alias}`)) throw errors.aliasNotFound(`model ${name} has no alias ${alias}`);
      return this.#appendMove(name, alias, null, request.query.reason);
    });
  }
}

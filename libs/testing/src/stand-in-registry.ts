import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A model folder as the trainer registers it: path (`manifest.json`, `model.onnx`) → bytes. */
export type RegisteredFolder = ReadonlyMap<string, Uint8Array>;

interface StoredVersion {
  readonly files: RegisteredFolder;
  /** Bytes sent instead of the stored ones, per path: a transfer that corrupts a file. */
  readonly corruptOnTheWire: Set<string>;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A stand-in for dl-trainer's registry API, the three GETs inference reads (alias, version
 * metadata, file download), over real HTTP on loopback, so inference's tests and the serving
 * benchmark can serve versions, move aliases and corrupt transfers at will. (The real registry is
 * exercised in tests/e2e/serving.int-spec.ts.)
 */
export class FakeRegistry {
  readonly #versions = new Map<string, StoredVersion[]>();
  readonly #aliases = new Map<string, number>();
  readonly downloads: string[] = [];
  #server: Server | undefined;

  /** Starts listening on loopback; returns the base URL. */
  async start(): Promise<string> {
    const server = createServer((request, response) => {
      const answer = this.#answer(request.url ?? '/');
      response.writeHead(answer.status, { 'content-type': answer.type });
      response.end(answer.body);
    });
    this.#server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Stops listening; resolves once open connections are closed. */
  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  /** Adds the next version of `name`; returns its number. */
  register(name: string, files: RegisteredFolder): number {
    const versions = this.#versions.get(name) ?? [];
    versions.push({ files, corruptOnTheWire: new Set() });
    this.#versions.set(name, versions);
    return versions.length;
  }

  /** Points an alias at a version. */
  moveAlias(name: string, alias: string, version: number): void {
    this.#aliases.set(`${name}:${alias}`, version);
  }

  /** Removes an alias (resolving it answers 404 again). */
  removeAlias(name: string, alias: string): void {
    this.#aliases.delete(`${name}:${alias}`);
  }

  /** Makes downloads of one file of a version send other bytes than the listed sha256. */
  corruptTransfer(name: string, version: number, path: string): void {
    this.#versions.get(name)?.[version - 1]?.corruptOnTheWire.add(path);
  }

  #metadata(name: string, version: number): Record<string, unknown> | undefined {
    const stored = this.#versions.get(name)?.[version - 1];
    if (!stored) return undefined;
    const files = [...stored.files.entries()]
      .map(([path, content]) => ({ path, size: content.length, sha256: sha256(content) }))
      .sort((a, b) => a.path.localeCompare(b.path));
    const manifest = stored.files.get('manifest.json');
    const labels = manifest
      ? (JSON.parse(Buffer.from(manifest).toString('utf8')) as { labels?: string[] }).labels
      : undefined;
    return {
      name,
      version,
      source: 'import',
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: 'test',
      labels: labels ?? [],
      metrics: {},
      files,
      folderChecksum: sha256(Buffer.from(files.map((file) => `${file.path}\0${file.sha256}\n`).join(''))),
      totalBytes: files.reduce((sum, file) => sum + file.size, 0),
    };
  }

  #answer(url: string): { status: number; type: string; body: string | Uint8Array } {
    const notFound = { status: 404, type: 'application/problem+json', body: JSON.stringify({ status: 404 }) };
    const alias = /^\/v1\/models\/([^/]+)\/aliases\/([^/]+)$/.exec(url);
    if (alias) {
      const [, name = '', aliasName = ''] = alias;
      const version = this.#aliases.get(`${name}:${aliasName}`);
      const modelVersion = version === undefined ? undefined : this.#metadata(name, version);
      if (version === undefined || !modelVersion) return notFound;
      const move = {
        name,
        alias: aliasName,
        sequence: 1,
        version,
        previousVersion: null,
        movedBy: 'test',
        reason: 'test',
      };
      return {
        status: 200,
        type: 'application/json',
        body: JSON.stringify({ ...move, movedAt: '2026-01-01T00:00:00.000Z', modelVersion }),
      };
    }
    const version = /^\/v1\/models\/([^/]+)\/versions\/(\d+)$/.exec(url);
    if (version) {
      const metadata = this.#metadata(version[1] ?? '', Number(version[2]));
      return metadata ? { status: 200, type: 'application/json', body: JSON.stringify(metadata) } : notFound;
    }
    const file = /^\/v1\/models\/([^/]+)\/versions\/(\d+)\/files\/(.+)$/.exec(url);
    const stored = file && this.#versions.get(file[1] ?? '')?.[Number(file[2]) - 1];
    const content = file && stored?.files.get(file[3] ?? '');
    if (!file || !stored || !content) return notFound;
    this.downloads.push(url);
    const sent = stored.corruptOnTheWire.has(file[3] ?? '')
      ? Buffer.concat([content, Buffer.from('tampered')])
      : content;
    return { status: 200, type: 'application/octet-stream', body: sent };
  }
}

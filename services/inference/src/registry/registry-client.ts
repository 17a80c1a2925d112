import { modelVersionSchema, resolvedAliasSchema, type ModelVersion } from '@mlops/contracts';
import type { z } from 'zod';

/** The registry answered 404: no such model, alias, version or file. */
export class RegistryNotFoundError extends Error {
  override readonly name = 'RegistryNotFoundError';
}

/** What a registry client needs to know. */
export interface RegistryClientOptions {
  /** dl-trainer's base URL, without a trailing slash. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
}

/** The part of dl-trainer's model registry HTTP API that inference reads. */
export class RegistryClient {
  constructor(private readonly options: RegistryClientOptions) {}

  /** The version an alias points at now. */
  async resolveAlias(name: string, alias: string): Promise<ModelVersion> {
    const resolved = await this.getJson(
      `/v1/models/${encodeURIComponent(name)}/aliases/${encodeURIComponent(alias)}`,
      resolvedAliasSchema,
    );
    return resolved.modelVersion;
  }

  /** One version's metadata, its file list with each sha256 included. */
  async getVersion(name: string, version: number): Promise<ModelVersion> {
    return this.getJson(`/v1/models/${encodeURIComponent(name)}/versions/${version}`, modelVersionSchema);
  }

  /** The bytes of one file of a version, as sent (the caller checks them). */
  async downloadFile(name: string, version: number, path: string): Promise<Buffer> {
    const encodedPath = path.split('/').map(encodeURIComponent).join('/');
    const response = await this.request(
      `/v1/models/${encodeURIComponent(name)}/versions/${version}/files/${encodedPath}`,
    );
    return Buffer.from(await response.arrayBuffer());
  }

  private async getJson<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
    const response = await this.request(path);
    return schema.parse(await response.json());
  }

  private async request(path: string): Promise<Response> {
    const url = `${this.options.baseUrl}${path}`;
    const response = await fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs) });
    if (response.status === 404) {
      await response.body?.cancel();
      throw new RegistryNotFoundError(`the registry has no ${path}`);
    }
    if (!response.ok) {
      const detail = await response.text().catch(() => '');
      throw new Error(`registry GET ${path} answered ${response.status}: ${detail.slice(0, 500)}`);
    }
    return response;
  }
}

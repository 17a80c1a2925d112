import type { RolloutStageName } from '@mlops/contracts';
import { isRegistryNotFound, type RegistryClient } from '../registry/registry-client.js';

/**
 * The registry's aliases as a rollout moves them. The registry stays the only writer of
 * aliases (audited, `model.promoted` published); each move here is idempotent, so a transition
 * interrupted by a crash is simply done again.
 */
export class RolloutAliases {
  constructor(private readonly registry: RegistryClient) {}

  /** The version `production` points at, or null when the model has none. */
  async production(model: string): Promise<number | null> {
    try {
      return (await this.registry.aliases.resolve({ params: { name: model, alias: 'production' } })).version;
    } catch (error) {
      if (isRegistryNotFound(error)) return null;
      throw error;
    }
  }

  /** Throws the registry's 404 when the version does not exist. */
  async requireVersion(model: string, version: number): Promise<void> {
    await this.registry.versions.get({ params: { name: model, version } });
  }

  /** Points `alias` at the version. */
  async point(model: string, alias: RolloutStageName | 'production', version: number, reason: string): Promise<void> {
    await this.registry.aliases.put({ params: { name: model, alias }, body: { version, reason } });
  }

  /** Removes `alias` if it still points at the candidate (someone may have moved it meanwhile). */
  async release(model: string, alias: RolloutStageName, version: number, reason: string): Promise<void> {
    try {
      const current = await this.registry.aliases.resolve({ params: { name: model, alias } });
      if (current.version !== version) return;
    } catch (error) {
      if (isRegistryNotFound(error)) return;
      throw error;
    }
    await this.registry.aliases.remove({ params: { name: model, alias }, query: { reason } });
  }
}

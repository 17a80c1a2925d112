import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENTS, modelPromotedEventSchema } from '@mlops/contracts';
import { createLogger } from '@mlops/logger';
import { Broker } from '@mlops/messaging';
import type { TestEnvironment } from '@mlops/testing';
import { buildInference, type InferenceApp, type InferenceOverrides } from '../../src/app.js';
import { loadInferenceConfig } from '../../src/config.js';
import { StandInRegistry, testKeyVerifier, withTestKey } from '@mlops/testing';
import type { ModelFolder } from './train-topic-model.js';

/** The model name the inference tests serve. */
export const SERVED_MODEL = 'topics';

/**
 * A stand-in registry holding trained folders of `topics` (versions 1, 2, … in order), a model
 * cache folder, and the inference apps built against them, all closed by `close()`.
 */
export class ServedTopics {
  readonly #apps: InferenceApp[] = [];
  #broker: Promise<Broker> | undefined;
  #sequence = 0;

  private constructor(
    private readonly environment: TestEnvironment,
    readonly registry: StandInRegistry,
    private readonly registryUrl: string,
    readonly cacheDir: string,
  ) {}

  /** Starts the registry with the folders; `production` points at version `production` unless it is null. */
  static async start(
    environment: TestEnvironment,
    folders: readonly ModelFolder[],
    production: number | null = 1,
  ): Promise<ServedTopics> {
    const registry = new StandInRegistry();
    const registryUrl = await registry.start();
    for (const folder of folders) registry.register(SERVED_MODEL, folder);
    if (production !== null) registry.moveAlias(SERVED_MODEL, 'production', production);
    const cacheDir = await mkdtemp(join(tmpdir(), 'inference-test-cache-'));
    return new ServedTopics(environment, registry, registryUrl, cacheDir);
  }

  /** Builds inference serving `topics` from the registry, with `env` over the test defaults. */
  async build(env: Readonly<Record<string, string>> = {}, overrides: InferenceOverrides = {}): Promise<InferenceApp> {
    const inference = await buildInference(
      loadInferenceConfig({
        ...this.environment.env,
        REGISTRY_URL: this.registryUrl,
        MODELS: SERVED_MODEL,
        MODEL_CACHE_DIR: this.cacheDir,
        ...env,
      }),
      { ...overrides, keyVerifier: testKeyVerifier },
    );
    withTestKey(inference.app);
    this.#apps.push(inference);
    return inference;
  }

  /** Points the model's `production` alias at `version` and publishes `model.promoted`, as the registry does. */
  async promote(model: string, version: number): Promise<void> {
    this.registry.moveAlias(model, 'production', version);
    this.#broker ??= Broker.connect({
      url: this.environment.amqpUrl,
      logger: createLogger({ service: 'test', level: 'silent' }),
      connectionName: 'inference-test-promotions',
      topology: { queues: [] },
    });
    this.#sequence += 1;
    await (
      await this.#broker
    ).publishEvent(EVENTS.modelPromoted, modelPromotedEventSchema, {
      name: model,
      alias: 'production',
      version,
      previousVersion: null,
      sequence: this.#sequence,
      movedBy: 'test',
      reason: 'test',
      movedAt: new Date().toISOString(),
    });
  }

  /** Closes one app before the others (it is not closed again). */
  async closeApp(inference: InferenceApp): Promise<void> {
    const index = this.#apps.indexOf(inference);
    if (index >= 0) this.#apps.splice(index, 1);
    await inference.app.close();
  }

  /** Closes every app built and not closed yet, the registry, and deletes the cache. */
  async close(): Promise<void> {
    for (const inference of this.#apps.splice(0)) await inference.app.close();
    if (this.#broker) await (await this.#broker).close();
    await this.registry.stop();
    await rm(this.cacheDir, { recursive: true, force: true });
  }
}

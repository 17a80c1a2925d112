import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { bearer, spawnService, waitFor, type ServiceProcess } from '@mlops/testing';
import { expect } from 'vitest';

/** A service running as its own process from its sources, and its address. */
export interface RunningService {
  readonly url: string;
  readonly process: ServiceProcess;
  /** SIGTERM, then waits for the exit. */
  readonly stop: () => Promise<void>;
}

/**
 * Starts `services/<name>` from source on `port` with `env` and waits (up to a minute) until its
 * /readyz answers; throws with the end of what it printed when it does not.
 */
export async function startServiceProcess(
  name: 'dl-trainer' | 'inference',
  port: number,
  env: Record<string, string>,
): Promise<RunningService> {
  const root = fileURLToPath(new URL(`../../../services/${name}/`, import.meta.url));
  const started = spawnService(root, { ...env, PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    const { child } = started;
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  await waitFor(
    async () => ((await fetch(`${url}/readyz`).catch(() => undefined))?.ok ? true : undefined),
    60_000,
  ).catch(async (error: unknown) => {
    await stop();
    throw new Error(`${name} did not become ready: ${String(error)}\n${started.output().slice(-3000)}`);
  });
  return { url, process: started, stop };
}

/**
 * Trains a version of `model` for real with a small linear config: a training job on dl-trainer
 * (over RabbitMQ) on version 1 of `dataset`; waits until it succeeded.
 */
export async function trainTopicModel(
  trainerUrl: string,
  job: { model: string; task: string; dataset: string; seed: number },
): Promise<void> {
  const headers = { authorization: bearer(), 'content-type': 'application/json' };
  const submitted = await fetch(`${trainerUrl}/v1/training-jobs`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      modelName: job.model,
      task: job.task,
      dataset: { name: job.dataset, version: 1 },
      seed: job.seed,
      config: {
        featurizer: { wordNgrams: { buckets: 1024 } },
        model: { kind: 'linear' },
        optimization: { epochs: 3 },
        data: { minRows: 20 },
      },
    }),
  });
  expect(submitted.status).toBe(202);
  const { id } = (await submitted.json()) as { id: string };
  const done = await waitFor(async () => {
    const state = (await (await fetch(`${trainerUrl}/v1/training-jobs/${id}`, { headers })).json()) as {
      status: string;
      error?: unknown;
    };
    return ['succeeded', 'failed', 'cancelled'].includes(state.status) ? state : undefined;
  }, 120_000);
  expect(done, JSON.stringify(done.error)).toMatchObject({ status: 'succeeded' });
}

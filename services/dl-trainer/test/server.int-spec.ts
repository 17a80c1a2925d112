import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import {
  bearer,
  createTestEnvironment,
  freePort,
  spawnService,
  startStandInKeyOwner,
  waitFor,
  type StandInKeyOwner,
  type TestEnvironment,
} from '@mlops/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const serviceRoot = fileURLToPath(new URL('..', import.meta.url));

describe('dl-trainer server process', () => {
  let environment: TestEnvironment;
  let running: ChildProcessWithoutNullStreams | undefined;
  let keyOwner: StandInKeyOwner;

  beforeEach(async () => {
    environment = await createTestEnvironment('dl-trainer server');
    keyOwner = await startStandInKeyOwner();
  });

  afterEach(async () => {
    if (running?.exitCode === null) {
      running.kill('SIGKILL');
      await once(running, 'exit');
    }
    running = undefined;
    await keyOwner.stop();
    await environment.dispose();
  });

  it('serves, then on SIGTERM drains and exits 0', async () => {
    const port = await freePort();
    const server = spawnService(serviceRoot, {
      ...environment.env,
      ...keyOwner.env,
      PORT: String(port),
      LOG_LEVEL: 'info',
    });
    running = server.child;
    const base = `http://127.0.0.1:${port}`;
    await waitFor(async () => ((await fetch(`${base}/readyz`)).ok ? true : undefined), 30_000);
    const submitted = await fetch(`${base}/v1/training-jobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer() },
      body: JSON.stringify({ modelName: 'm', task: 't', dataset: { name: 'd', version: 1 } }),
    });
    expect(submitted.status).toBe(202);

    server.child.kill('SIGTERM');
    const [code] = (await once(server.child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(server.output()).toContain('stopping: draining requests and consumers');
    expect(server.output()).toContain('"msg":"stopped"');
  });

  it('refuses to start on an invalid environment, naming the variable', async () => {
    const server = spawnService(serviceRoot, { ...environment.env, AMQP_URL: 'http://not-amqp', PORT: 'x' });
    running = server.child;
    const [code] = (await once(server.child, 'exit')) as [number | null];
    expect(code).toBe(78);
    expect(server.output()).toContain('AMQP_URL');
    expect(server.output()).toContain('PORT');
  });
});

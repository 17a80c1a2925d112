import { randomUUID } from 'node:crypto';
import { EVENTS_EXCHANGE, WORK_QUEUES, type TrainingJob } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import { createTestEnvironment, waitFor, type TestEnvironment, testKeyVerifier, withTestKey } from '@mlops/testing';
import { connect } from 'amqplib';
import { MongoClient } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadDlTrainerConfig } from '../src/config.js';
import type { TrainingExecutor } from '../src/training-jobs/training-executor.js';
import { ControllableExecutor } from './controllable-executor.js';

const validRequest = { modelName: 'spam-filter', task: 'spam', dataset: { name: 'spamassassin', version: 1 } };

describe('training jobs over RabbitMQ and MongoDB', () => {
  let environment: TestEnvironment;
  const apps: HttpApp[] = [];

  beforeEach(async () => {
    environment = await createTestEnvironment('dl-trainer jobs');
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
    await environment.dispose();
  });

  async function start(executor?: TrainingExecutor, extraEnv: Record<string, string> = {}): Promise<HttpApp> {
    const config = loadDlTrainerConfig({
      ...environment.env,
      SHUTDOWN_TIMEOUT_MS: '500',
      TRAINING_LEASE_MS: '3000',
      ...extraEnv,
    });
    const app = withTestKey(
      await buildApp(config, { ...(executor ? { executor } : {}), keyVerifier: testKeyVerifier }),
    );
    apps.push(app);
    return app;
  }

  async function submit(app: HttpApp, body: unknown = validRequest): Promise<TrainingJob> {
    const response = await app.inject({ method: 'POST', url: '/v1/training-jobs', payload: body as object });
    expect(response.statusCode).toBe(202);
    return response.json<TrainingJob>();
  }

  async function jobOf(app: HttpApp, id: string): Promise<TrainingJob> {
    const response = await app.inject({ method: 'GET', url: `/v1/training-jobs/${id}` });
    expect(response.statusCode).toBe(200);
    return response.json<TrainingJob>();
  }

  function untilStatus(app: HttpApp, id: string, status: TrainingJob['status']): Promise<TrainingJob> {
    return waitFor(async () => {
      const job = await jobOf(app, id);
      return job.status === status ? job : undefined;
    }, 20_000);
  }

  it('stores the job, publishes training.requested with confirms, consumes it and shows the outcome', async () => {
    const executor = new ControllableExecutor(() => 'succeed');
    const app = await start(executor);
    const response = await app.inject({ method: 'POST', url: '/v1/training-jobs', payload: validRequest });
    expect(response.statusCode).toBe(202);
    const job = response.json<TrainingJob>();
    expect(response.headers.location).toBe(`/v1/training-jobs/${job.id}`);
    expect(job).toMatchObject({
      status: 'queued',
      attempts: 0,
      request: { ...validRequest, seed: 42, config: {} },
    });

    const done = await untilStatus(app, job.id, 'succeeded');
    expect(done.attempts).toBe(1);
    expect(done.finishedAt).toBeDefined();
    expect(executor.completed).toEqual([job.id]);
    await waitFor(async () =>
      (await environment.rabbit.queueDepth(environment.vhost, WORK_QUEUES.trainingRequested)) === 0 ? true : undefined,
    );
  });

  it('publishes training.completed on mlops.events when a job succeeds', async () => {
    const connection = await connect(environment.amqpUrl);
    const channel = await connection.createChannel();
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true });
    await channel.bindQueue(queue, EVENTS_EXCHANGE, 'training.*');
    const events: unknown[] = [];
    await channel.consume(
      queue,
      (message) => {
        if (message) events.push(JSON.parse(message.content.toString()));
      },
      { noAck: true },
    );
    try {
      const app = await start(new ControllableExecutor(() => 'succeed'));
      const job = await submit(app);
      const event = await waitFor(() => events.find((e) => (e as { jobId?: string }).jobId === job.id));
      expect(event).toMatchObject({ jobId: job.id, modelName: 'spam-filter', status: 'succeeded', attempts: 1 });
    } finally {
      await connection.close();
    }
  });

  it('cancels a queued job at once, flags a running one, and answers 404 and 409 where it cannot', async () => {
    const executor = new ControllableExecutor(() => 'block-until-aborted');
    const app = await start(executor);
    const running = await submit(app);
    await untilStatus(app, running.id, 'running');
    const queued = await submit(app, { ...validRequest, seed: 9 });
    const cancelQueued = await app.inject({ method: 'POST', url: `/v1/training-jobs/${queued.id}:cancel` });
    expect(cancelQueued.statusCode).toBe(202);
    expect(cancelQueued.json<TrainingJob>()).toMatchObject({
      status: 'cancelled',
      error: { code: 'TRAINING_CANCELLED' },
    });
    const cancelRunning = await app.inject({ method: 'POST', url: `/v1/training-jobs/${running.id}:cancel` });
    expect(cancelRunning.statusCode).toBe(202);
    expect(cancelRunning.json<TrainingJob>().status).toBe('running');
    const unknown = await app.inject({ method: 'POST', url: `/v1/training-jobs/${randomUUID()}:cancel` });
    expect(unknown.statusCode).toBe(404);
    const again = await app.inject({ method: 'POST', url: `/v1/training-jobs/${queued.id}:cancel` });
    expect(again.statusCode).toBe(202);
  });

  it('refuses a bad training config with 400 naming the field under /body/config', async () => {
    const app = await start(new ControllableExecutor(() => 'succeed'));
    const response = await app.inject({
      method: 'POST',
      url: '/v1/training-jobs',
      payload: { ...validRequest, config: { optimization: { epochs: 0 }, surprise: true } },
    });
    expect(response.statusCode).toBe(400);
    const pointers = response.json<{ errors: { pointer: string }[] }>().errors.map((error) => error.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/body/config/optimization/epochs', '/body/config']));
  });

  it('checks a config without queueing a job: 200 with it resolved, 400 naming the field', async () => {
    const app = await start(new ControllableExecutor(() => 'succeed'));
    const before = await app.inject({ method: 'GET', url: '/v1/training-jobs' });
    const checked = await app.inject({
      method: 'POST',
      url: '/v1/training-jobs:validate',
      payload: { config: { optimization: { epochs: 3 } } },
    });
    expect(checked.statusCode).toBe(200);
    const { config } = checked.json<{ config: Record<string, { epochs?: number } | undefined> }>();
    expect(config.optimization?.epochs).toBe(3);
    expect(Object.keys(config)).toEqual(expect.arrayContaining(['featurizer', 'model', 'optimization', 'split']));
    const refused = await app.inject({
      method: 'POST',
      url: '/v1/training-jobs:validate',
      payload: { config: { optimization: { epochs: 'ten' } } },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const pointers = refused.json<{ errors: { pointer: string }[] }>().errors.map((error) => error.pointer);
    expect(pointers).toContain('/body/config/optimization/epochs');
    const after = await app.inject({ method: 'GET', url: '/v1/training-jobs' });
    expect(after.json()).toEqual(before.json());
  });

  it('runs a job exactly once when its consumer stops before acking and another one starts', async () => {
    const first = new ControllableExecutor(() => 'block-until-aborted');
    const appA = await start(first);
    const job = await submit(appA);
    await waitFor(() => (first.started.includes(job.id) ? true : undefined));
    expect((await jobOf(appA, job.id)).status).toBe('running');

    await appA.close();
    apps.splice(apps.indexOf(appA), 1);
    expect(first.aborted).toEqual([job.id]);

    const second = new ControllableExecutor(() => 'succeed');
    const appB = await start(second);
    const done = await untilStatus(appB, job.id, 'succeeded');
    expect(done.attempts).toBe(2);
    expect(second.completed).toEqual([job.id]);
    expect(first.completed).toEqual([]);

    const duplicate = await connect(environment.amqpUrl);
    const channel = await duplicate.createConfirmChannel();
    channel.sendToQueue(
      WORK_QUEUES.trainingRequested,
      Buffer.from(JSON.stringify({ jobId: job.id, requestedAt: done.createdAt, request: done.request })),
      { persistent: true, messageId: job.id },
    );
    await channel.waitForConfirms();
    await duplicate.close();
    await waitFor(async () =>
      (await environment.rabbit.queueDepth(environment.vhost, WORK_QUEUES.trainingRequested)) === 0 ? true : undefined,
    );
    expect(second.started).toEqual([job.id]);
    expect((await jobOf(appB, job.id)).attempts).toBe(2);
  });

  it('finishes a job once after the broker drops the connection mid-job', async () => {
    const executor = new ControllableExecutor((call) => (call === 0 ? 'block-until-aborted' : 'succeed'));
    const app = await start(executor);
    const job = await submit(app);
    await waitFor(() => (executor.started.length === 1 ? true : undefined));

    await waitFor(
      async () => ((await environment.rabbit.closeConnections(environment.vhost)) > 0 ? true : undefined),
      15_000,
    );

    const done = await untilStatus(app, job.id, 'succeeded');
    expect(executor.aborted).toEqual([job.id]);
    expect(executor.completed).toEqual([job.id]);
    expect(done.attempts).toBe(2);
    await waitFor(async () =>
      (await app.inject({ method: 'GET', url: '/readyz' })).statusCode === 200 ? true : undefined,
    );
    const next = await submit(app);
    await untilStatus(app, next.id, 'succeeded');
  });

  it('retries a failing job with a delay and fails it when the attempts are spent', async () => {
    const executor = new ControllableExecutor(() => 'throw-transient');
    const app = await start(executor, { TRAINING_MAX_ATTEMPTS: '2' });
    const job = await submit(app);
    const failed = await untilStatus(app, job.id, 'failed');
    expect(failed.attempts).toBe(2);
    expect(failed.error?.code).toBe('TRAINING_ATTEMPTS_EXHAUSTED');
    expect(executor.started).toEqual([job.id, job.id]);
  });

  it('dead-letters an invalid message with its reason and keeps consuming', async () => {
    const executor = new ControllableExecutor(() => 'succeed');
    const app = await start(executor);
    const connection = await connect(environment.amqpUrl);
    const channel = await connection.createConfirmChannel();
    channel.sendToQueue(WORK_QUEUES.trainingRequested, Buffer.from('{"jobId":"not-a-uuid"}'), { persistent: true });
    channel.sendToQueue(WORK_QUEUES.trainingRequested, Buffer.from('not json at all'), { persistent: true });
    await channel.waitForConfirms();

    const deadLetterQueue = `${WORK_QUEUES.trainingRequested}.dlq`;
    await waitFor(async () =>
      (await environment.rabbit.queueDepth(environment.vhost, deadLetterQueue)) === 2 ? true : undefined,
    );
    const reasons: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const message = await channel.get(deadLetterQueue, { noAck: true });
      if (message) reasons.push(String(message.properties.headers?.['x-mlops-error']));
    }
    await connection.close();
    expect(reasons.some((reason) => reason.includes('/jobId'))).toBe(true);
    expect(reasons.some((reason) => reason.includes('not JSON'))).toBe(true);

    const job = await submit(app);
    await untilStatus(app, job.id, 'succeeded');
  });

  it('creates the job when training.requested arrives without a POST', async () => {
    const executor = new ControllableExecutor(() => 'succeed');
    const app = await start(executor);
    const jobId = randomUUID();
    const connection = await connect(environment.amqpUrl);
    const channel = await connection.createConfirmChannel();
    channel.sendToQueue(
      WORK_QUEUES.trainingRequested,
      Buffer.from(
        JSON.stringify({
          jobId,
          requestedAt: new Date().toISOString(),
          request: { ...validRequest, seed: 7, config: {} },
        }),
      ),
      { persistent: true },
    );
    await channel.waitForConfirms();
    await connection.close();
    const done = await untilStatus(app, jobId, 'succeeded');
    expect(done.request.seed).toBe(7);
  });

  it('sends what a crashed submitter left in the outbox, and the consumer stores the job from the message', async () => {
    const executor = new ControllableExecutor(() => 'succeed');
    const app = await start(executor, { TRAINING_DISPATCH_SWEEP_MS: '200' });
    const jobId = randomUUID();
    const client = new MongoClient(environment.mongoUrl);
    try {
      const outbox = client
        .db(environment.dbName)
        .collection<{ _id: string; createdAt: Date; messageJson: string }>('training_job_outbox');
      await outbox.insertOne({
        _id: jobId,
        createdAt: new Date(Date.now() - 60_000),
        messageJson: JSON.stringify({
          jobId,
          requestedAt: new Date().toISOString(),
          request: {
            ...validRequest,
            seed: 3,
            config: { adapters: [{ kind: 'label_map', map: { 'spam.v1': 'spam' } }] },
          },
        }),
      });
      const done = await untilStatus(app, jobId, 'succeeded');
      expect(done.request.seed).toBe(3);
      expect(executor.completed).toEqual([jobId]);
      await waitFor(async () => ((await outbox.countDocuments({ _id: jobId })) === 0 ? true : undefined));
    } finally {
      await client.close();
    }
  });

  it('lists jobs newest first with a cursor and filters', async () => {
    const app = await start(new ControllableExecutor(() => 'succeed'));
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await submit(app, { ...validRequest, modelName: 'lister' })).id);
    const first = await app.inject({ method: 'GET', url: '/v1/training-jobs?modelName=lister&limit=2' });
    expect(first.statusCode).toBe(200);
    const page1 = first.json<{ items: TrainingJob[]; nextCursor?: string }>();
    expect(page1.items.map((j) => j.id)).toEqual([ids[2], ids[1]]);
    expect(page1.nextCursor).toBeDefined();
    const second = await app.inject({
      method: 'GET',
      url: `/v1/training-jobs?modelName=lister&limit=2&cursor=${page1.nextCursor ?? ''}`,
    });
    const page2 = second.json<{ items: TrainingJob[]; nextCursor?: string }>();
    expect(page2.items.map((j) => j.id)).toEqual([ids[0]]);
    expect(page2.nextCursor).toBeUndefined();
  });

  describe('bad input', () => {
    it.each([
      ['missing fields', {}, ['/body/modelName', '/body/task', '/body/dataset']],
      ['wrong types', { ...validRequest, dataset: { name: 'x', version: 0 } }, ['/body/dataset/version']],
      ['unknown field', { ...validRequest, learningRate: 0.1 }, ['/body/learningRate']],
      ['bad slug', { ...validRequest, modelName: 'Spam Filter!' }, ['/body/modelName']],
    ])('rejects %s with 400 problem+json naming the field', async (_name, body, pointers) => {
      const app = await start();
      const response = await app.inject({ method: 'POST', url: '/v1/training-jobs', payload: body });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = response.json<{
        code: string;
        errors: { pointer: string }[];
        status: number;
        type: string;
        title: string;
        instance: string;
      }>();
      expect(problem).toMatchObject({ status: 400, code: 'HTTP_VALIDATION_FAILED', instance: '/v1/training-jobs' });
      expect(problem.errors.map((e) => e.pointer)).toEqual(expect.arrayContaining(pointers));
    });

    it('answers 400 for malformed JSON, 415 for a wrong media type and 413 for an oversized body', async () => {
      const app = await start(undefined, { HTTP_BODY_LIMIT_BYTES: '2048' });
      const malformed = await app.inject({
        method: 'POST',
        url: '/v1/training-jobs',
        payload: '{"modelName":',
        headers: { 'content-type': 'application/json' },
      });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json<{ code: string }>().code).toBe('HTTP_MALFORMED_BODY');
      const wrongType = await app.inject({
        method: 'POST',
        url: '/v1/training-jobs',
        payload: '<job/>',
        headers: { 'content-type': 'application/xml' },
      });
      expect(wrongType.statusCode).toBe(415);
      const huge = await app.inject({
        method: 'POST',
        url: '/v1/training-jobs',
        payload: { ...validRequest, requestedBy: 'x'.repeat(5000) },
      });
      expect(huge.statusCode).toBe(413);
      expect(huge.json<{ code: string }>().code).toBe('HTTP_PAYLOAD_TOO_LARGE');
    });

    it('answers 400 for a malformed id or cursor and 404 for an unknown job', async () => {
      const app = await start();
      const badId = await app.inject({ method: 'GET', url: '/v1/training-jobs/not-a-uuid' });
      expect(badId.statusCode).toBe(400);
      expect(badId.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe('/params/id');
      const badCursor = await app.inject({ method: 'GET', url: '/v1/training-jobs?cursor=@@@' });
      expect(badCursor.statusCode).toBe(400);
      const missing = await app.inject({ method: 'GET', url: `/v1/training-jobs/${randomUUID()}` });
      expect(missing.statusCode).toBe(404);
      expect(missing.json<{ code: string }>().code).toBe('TRAINING_JOB_NOT_FOUND');
    });
  });
});

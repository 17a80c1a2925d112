import type { AddressInfo } from 'node:net';
import {
  EVENTS,
  TRAINING_LIVE_EVENTS,
  trainingFinishedEventSchema,
  trainingProgressEventSchema,
  type LiveEpoch,
} from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import { createLogger } from '@mlops/logger';
import { Broker } from '@mlops/messaging';
import { createTestEnvironment, testKeyFor, testKeyVerifier, type TestEnvironment } from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { buildApp } from '../src/app.js';
import { loadReporterConfig } from '../src/config.js';
import { SseReader, type SseMessage } from './support/sse-reader.js';
import { StandInTrainer } from './support/stand-in-upstreams.js';

/*
 * The live learning curve of a training job (`GET /v1/events/training-jobs/:id`) from two real
 * reporter replicas on a real RabbitMQ vhost and MongoDB, with dl-trainer played by the stand-in
 * registered from the same route descriptors: recorded epochs first, then `training.progress`
 * as published, `end` on `training.completed` / `training.failed` or when dl-trainer says the job
 * ended; limits, reconnection with Last-Event-ID, unknown jobs.
 */

const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const JOB = {
  running: uuid(0xb1),
  other: uuid(0xb2),
  finished: uuid(0xb3),
  lost: uuid(0xb4),
  resumed: uuid(0xb5),
  unknown: uuid(0xbf),
};
const VIEWER = testKeyFor('viewer', ['read']);
const MAX_STREAMS = 3;

let environment: TestEnvironment;
let trainer: StandInTrainer;
let publisher: Broker;
let replicas: { app: HttpApp; url: string }[];
let registryUrl: string;

const metrics = (epoch: number): Record<string, number> => ({
  trainLoss: 1 / epoch,
  validationLoss: 1.2 / epoch,
  validationMacroF1: 0.5 + epoch / 100,
  validationAccuracy: 0.6 + epoch / 100,
  learningRate: 0.01,
  seconds: 2,
});

const publishEpoch = (jobId: string, epoch: number): Promise<string> =>
  publisher.publishEvent(EVENTS.trainingProgress, trainingProgressEventSchema, {
    jobId,
    modelName: 'topics',
    epoch,
    epochs: 8,
    trainLoss: 1 / epoch,
    validationLoss: 1.2 / epoch,
    validationMacroF1: 0.5 + epoch / 100,
    validationAccuracy: 0.6 + epoch / 100,
    learningRate: 0.01,
    epochSeconds: 2,
    etaSeconds: (8 - epoch) * 2,
  });

const publishEnd = (
  jobId: string,
  status: z.input<typeof trainingFinishedEventSchema>['status'],
  key: string = status === 'succeeded' ? EVENTS.trainingCompleted : EVENTS.trainingFailed,
): Promise<string> =>
  publisher.publishEvent(key, trainingFinishedEventSchema, {
    jobId,
    modelName: 'topics',
    status,
    attempts: 1,
    finishedAt: '2026-03-02T09:40:00.000Z',
    ...(status === 'succeeded' ? {} : { error: { code: 'TRAINING_CANCELLED', message: 'cancelled by maria' } }),
  });

const request = (replica: { url: string }, jobId: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${replica.url}/v1/events/training-jobs/${jobId}`, {
    headers: { authorization: `Bearer ${VIEWER}`, accept: 'text/event-stream', ...headers },
  });

async function open(
  replica: { url: string },
  jobId: string,
  headers: Record<string, string> = {},
): Promise<{ response: Response; reader: SseReader }> {
  const response = await request(replica, jobId, headers);
  if (!response.body) throw new Error('no body');
  return { response, reader: new SseReader(response.body) };
}

async function expectEvent(reader: SseReader, name: keyof typeof TRAINING_LIVE_EVENTS): Promise<SseMessage> {
  const message = await reader.nextEvent();
  expect(message?.event).toBe(name);
  if (!message) throw new Error('stream closed');
  TRAINING_LIVE_EVENTS[name].parse(JSON.parse(message.data));
  return message;
}

const epochOf = (message: SseMessage): LiveEpoch => TRAINING_LIVE_EVENTS.epoch.parse(JSON.parse(message.data));

async function startReplica(registryUrl: string): Promise<{ app: HttpApp; url: string }> {
  const app = await buildApp(
    loadReporterConfig({
      ...environment.env,
      API_KEY: testKeyFor('reporter', ['read', 'train', 'introspect']),
      REGISTRY_URL: registryUrl,
      FEATURE_STORE_URL: 'http://127.0.0.1:9',
    }),
    { keyVerifier: testKeyVerifier, live: { heartbeatMs: 100, catchUpEvery: 3, maxSubscribers: MAX_STREAMS } },
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  environment = await createTestEnvironment('reporter live training');
  trainer = new StandInTrainer();
  registryUrl = await trainer.start();
  for (const id of Object.values(JOB).filter((id) => id !== JOB.unknown))
    trainer.addJob({ id, modelName: 'topics', status: 'running' });
  trainer.setRunConfig(JOB.running, { optimization: { epochs: 8 } });
  trainer.recordEpoch(JOB.running, 1, metrics(1));
  trainer.recordEpoch(JOB.running, 2, metrics(2));
  trainer.recordEpoch(JOB.finished, 1, metrics(1));
  trainer.setJobStatus(JOB.finished, 'succeeded');
  publisher = await Broker.connect({
    url: environment.amqpUrl,
    logger: createLogger({ service: 'reporter-live-test', level: 'silent' }),
    connectionName: 'reporter-live-test',
    topology: { queues: [] },
  });
  replicas = [await startReplica(registryUrl), await startReplica(registryUrl)];
}, 120_000);

afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.app.close()));
  await publisher.close();
  await trainer.stop();
  await environment.dispose();
});

describe('GET /v1/events/training-jobs/:id', () => {
  it('sends the job, its recorded epochs, each published epoch on every replica, heartbeats, and ends with the job', async () => {
    const streams = await Promise.all(replicas.map((replica) => open(replica, JOB.running)));
    for (const { response, reader } of streams) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
      const job = await expectEvent(reader, 'job');
      expect(JSON.parse(job.data)).toMatchObject({ job: { id: JOB.running, status: 'running' }, plannedEpochs: 8 });
      const firstEpoch = await expectEvent(reader, 'epoch');
      const secondEpoch = await expectEvent(reader, 'epoch');
      expect([firstEpoch.id, secondEpoch.id]).toEqual(['1', '2']);
      expect(epochOf(secondEpoch)).toMatchObject({
        epoch: 2,
        trainLoss: 0.5,
        validationMacroF1: 0.52,
        epochSeconds: 2,
        plannedEpochs: 8,
        etaSeconds: null,
      });
    }

    await publishEpoch(JOB.other, 3);
    await publishEpoch(JOB.running, 2);
    await publishEpoch(JOB.running, 3);
    for (const { reader } of streams) {
      const live = await expectEvent(reader, 'epoch');
      expect(live.id).toBe('3');
      expect(epochOf(live)).toMatchObject({ epoch: 3, plannedEpochs: 8, etaSeconds: 10 });
    }

    const heartbeat = await streams[0]?.reader.next();
    expect(heartbeat).toEqual({ event: 'comment', id: undefined, data: 'heartbeat' });

    await publishEnd(JOB.running, 'succeeded');
    for (const { reader } of streams) {
      const end = await expectEvent(reader, 'end');
      expect(JSON.parse(end.data)).toEqual({ status: 'succeeded', finishedAt: '2026-03-02T09:40:00.000Z' });
      expect(await reader.nextEvent()).toBeUndefined();
    }
  });

  it('resumes after Last-Event-ID, and ends on training.failed with the reason (cancelled)', async () => {
    trainer.recordEpoch(JOB.resumed, 1, metrics(1));
    trainer.recordEpoch(JOB.resumed, 2, metrics(2));
    const { reader } = await open(replicas[0] as { url: string }, JOB.resumed, { 'last-event-id': '1' });
    await expectEvent(reader, 'job');
    expect((await expectEvent(reader, 'epoch')).id).toBe('2');
    await publishEnd(JOB.resumed, 'cancelled');
    expect(JSON.parse((await expectEvent(reader, 'end')).data)).toMatchObject({
      status: 'cancelled',
      error: { code: 'TRAINING_CANCELLED' },
    });
    expect(await reader.nextEvent()).toBeUndefined();
  });

  it('sends a finished job at once and closes', async () => {
    const { reader } = await open(replicas[1] as { url: string }, JOB.finished);
    expect(JSON.parse((await expectEvent(reader, 'job')).data)).toMatchObject({ job: { status: 'succeeded' } });
    expect((await expectEvent(reader, 'epoch')).id).toBe('1');
    expect(JSON.parse((await expectEvent(reader, 'end')).data)).toEqual({
      status: 'succeeded',
      finishedAt: '2026-03-02T09:30:00.000Z',
    });
    expect(await reader.nextEvent()).toBeUndefined();
  });

  it('catches up from dl-trainer what no event announced: epochs recorded and the job ended', async () => {
    const { reader } = await open(replicas[0] as { url: string }, JOB.lost);
    await expectEvent(reader, 'job');
    trainer.recordEpoch(JOB.lost, 1, metrics(1));
    trainer.setJobStatus(JOB.lost, 'failed');
    expect((await expectEvent(reader, 'epoch')).id).toBe('1');
    expect(JSON.parse((await expectEvent(reader, 'end')).data)).toMatchObject({ status: 'failed' });
    expect(await reader.nextEvent()).toBeUndefined();
  });

  it('answers 503 with Retry-After past its limit of streams, and takes a new one once a client leaves', async () => {
    const replica = replicas[1] as { url: string };
    const held = await Promise.all(Array.from({ length: MAX_STREAMS }, () => open(replica, JOB.other)));
    for (const { reader } of held) await expectEvent(reader, 'job');
    const refused = await request(replica, JOB.other);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(await refused.json()).toMatchObject({ code: 'REPORTER_LIVE_FULL' });

    await held[0]?.reader.cancel();
    const again = await waitForStream(replica, JOB.other);
    await expectEvent(again.reader, 'job');
  });

  it('answers problem+json: 404 for an unknown job, 400 for a bad id or Last-Event-ID, 401 without a key', async () => {
    const replica = replicas[0] as { url: string };
    const unknown = await request(replica, JOB.unknown);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await unknown.json()).toMatchObject({ code: 'REPORTER_JOB_NOT_FOUND' });

    const badId = await request(replica, 'not-a-uuid');
    expect(badId.status).toBe(400);
    expect(JSON.stringify(await badId.json())).toContain('/params/id');

    const badLast = await request(replica, JOB.other, { 'last-event-id': 'yesterday' });
    expect(badLast.status).toBe(400);
    expect(JSON.stringify(await badLast.json())).toContain('last-event-id');

    const anonymous = await fetch(`${replica.url}/v1/events/training-jobs/${JOB.other}`);
    expect(anonymous.status).toBe(401);
    await anonymous.body?.cancel();
  });
});

describe('a replica shutting down', () => {
  it('ends its open streams without an end event, so that it can stop and clients reconnect elsewhere', async () => {
    const replica = await startReplica(registryUrl);
    const { reader } = await open(replica, JOB.other);
    await expectEvent(reader, 'job');
    await replica.app.close();
    expect(await reader.nextEvent()).toBeUndefined();
  });
});

/** Opens a stream, retrying while the replica has not yet seen the previous client leave. */
async function waitForStream(replica: { url: string }, jobId: string): Promise<{ reader: SseReader }> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const opened = await open(replica, jobId);
    if (opened.response.status === 200) return opened;
    await opened.response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the replica never took a new stream');
}

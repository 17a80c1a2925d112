import type { Schedule } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import { createLogger } from '@mlops/logger';
import { createTestEnvironment, testKeyVerifier, withTestKey, type TestEnvironment } from '@mlops/testing';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadDlTrainerConfig } from '../src/config.js';
import { ScheduleRepository } from '../src/retraining/schedule.repository.js';
import { claimDueTicks } from '../src/retraining/scheduler.js';
import { TickRepository, ticksCollection } from '../src/retraining/tick.repository.js';

const schedule = {
  modelName: 'spam-filter',
  cron: '0 3 * * *',
  timezone: 'Europe/Paris',
  dataset: { name: 'spam', mode: 'freeze' },
  holdout: { name: 'spam-holdout', version: 1 },
  training: { kind: 'job', request: { task: 'spam', config: {} } },
  policy: { minImprovement: 0.01, maxClassDrop: 0.05 },
};

describe('retraining schedules: API and tick claims', () => {
  let environment: TestEnvironment;
  let app: HttpApp;
  const create = (body: object) => app.inject({ method: 'POST', url: '/v1/schedules', payload: body });
  const pointers = async (body: object): Promise<string[]> => {
    const answer = await create(body);
    expect(answer.statusCode).toBe(400);
    return answer.json<{ errors: { pointer: string }[] }>().errors.map((e) => e.pointer);
  };

  beforeAll(async () => {
    environment = await createTestEnvironment('dl-trainer schedules');
    app = withTestKey(
      await buildApp(loadDlTrainerConfig({ ...environment.env, SCHEDULE_POLL_MS: '3600000' }), {
        keyVerifier: testKeyVerifier,
      }),
    );
  });

  afterAll(async () => {
    await app.close();
    await environment.dispose();
  });

  it('refuses a cron expression, a time zone or a policy it cannot use, naming the field', async () => {
    expect(await pointers({ ...schedule, cron: '61 * * * *' })).toEqual(['/body/cron']);
    expect(await pointers({ ...schedule, cron: 'every monday' })).toEqual(['/body/cron']);
    expect(await pointers({ ...schedule, timezone: 'Mars/Olympus_Mons' })).toEqual(['/body/timezone']);
    expect(await pointers({ ...schedule, policy: { minImprovement: -0.01 } })).toEqual(['/body/policy/minImprovement']);
    expect(await pointers({ ...schedule, policy: { maxClassDrop: 1.5 } })).toEqual(['/body/policy/maxClassDrop']);
    expect(await pointers({ ...schedule, policy: { maxClassDrop: -0.2 } })).toEqual(['/body/policy/maxClassDrop']);
    expect(await pointers({ ...schedule, policy: { mode: 'manual', minImprovement: 0.02 } })).toEqual([
      '/body/policy/minImprovement',
    ]);
    const badConfig = await pointers({
      ...schedule,
      training: { kind: 'job', request: { task: 'spam', config: { optimization: { epochs: -1 } } } },
    });
    expect(badConfig[0]).toMatch(/^\/body\/training\/request\/config\/optimization\/epochs/);
  });

  it('creates, lists, shows, pauses, resumes and deletes a schedule', async () => {
    const created = await create(schedule);
    expect(created.statusCode).toBe(201);
    const body = created.json<Schedule>();
    expect(body).toMatchObject({
      status: 'active',
      request: { policy: { mode: 'automatic', onUnchangedData: 'skip' } },
    });
    expect(new Date(body.nextTickAt ?? 0).getUTCHours()).toBeOneOf([1, 2]);
    const listed = await app.inject({ method: 'GET', url: '/v1/schedules' });
    expect(listed.json<{ items: Schedule[] }>().items.map((s) => s.id)).toContain(body.id);
    const paused = await app.inject({
      method: 'POST',
      url: `/v1/schedules/${body.id}:pause`,
      payload: { reason: 'holiday' },
    });
    expect(paused.json<Schedule>()).toMatchObject({ status: 'paused' });
    expect(paused.json<Schedule>().nextTickAt).toBeUndefined();
    const resumed = await app.inject({ method: 'POST', url: `/v1/schedules/${body.id}:resume`, payload: {} });
    expect(resumed.json<Schedule>()).toMatchObject({ status: 'active' });
    expect(resumed.json<Schedule>().nextTickAt).toBeDefined();
    expect((await app.inject({ method: 'DELETE', url: `/v1/schedules/${body.id}` })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/v1/schedules/${body.id}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: `/v1/schedules/${body.id}:run-now` })).statusCode).toBe(404);
  });

  it('claims each due tick exactly once across two schedulers on the same database, missed ticks collapsing into one', async () => {
    const logger = createLogger({ level: 'silent', service: 'test' });
    const clients = await Promise.all([0, 1].map(() => MongoClient.connect(environment.env.MONGO_URL ?? '')));
    try {
      const dbs = clients.map((client) => client.db(environment.env.MONGO_DB));
      const replicas = clients.map((client) => {
        const db = client.db(environment.env.MONGO_DB);
        return { schedules: new ScheduleRepository(db), ticks: new TickRepository(db), logger };
      });
      const every = await create({ ...schedule, modelName: 'every-minute', cron: '* * * * *', timezone: 'UTC' });
      const id = every.json<Schedule>().id;
      const start = new Date(every.json<Schedule>().createdAt);
      const minute = (n: number) => new Date(Math.floor(start.getTime() / 60_000) * 60_000 + n * 60_000);
      const scan = async (at: number) =>
        (await Promise.all(replicas.map((replica) => claimDueTicks(replica, new Date(at)))))
          .flat()
          .filter((tick) => tick.scheduleId === id)
          .map((tick) => tick._id);
      const [db] = dbs;
      if (!db) throw new Error('no database');
      const finish = (tickId: string) =>
        ticksCollection.in(db).updateOne({ _id: tickId }, { $set: { state: 'succeeded', stage: 'done' } });
      // Ten minutes of downtime, then both replicas scan at the same instant: one tick, claimed once.
      expect(await scan(minute(10).getTime() + 5_000)).toEqual([`${id}@${minute(10).toISOString()}`]);
      expect(await scan(minute(10).getTime() + 20_000)).toEqual([]);
      // While that tick runs, the next occurrences wait, then collapse into one.
      expect(await scan(minute(11).getTime() + 1)).toEqual([]);
      await finish(`${id}@${minute(10).toISOString()}`);
      expect(await scan(minute(13).getTime() + 1)).toEqual([`${id}@${minute(13).toISOString()}`]);
      const ticks = await app.inject({ method: 'GET', url: `/v1/schedules/${id}/ticks` });
      expect(ticks.json<{ items: { id: string; trigger: string }[] }>().items).toHaveLength(2);
      const manual = await app.inject({ method: 'POST', url: `/v1/schedules/${id}:run-now` });
      expect(manual.statusCode).toBe(202);
      expect(manual.json()).toMatchObject({ trigger: 'manual', state: 'running', stage: 'freeze' });
    } finally {
      await Promise.all(clients.map((client) => client.close()));
    }
  });

  it('lets one replica work on a tick at a time, and another take it over once its lease lapses', async () => {
    const client = await MongoClient.connect(environment.env.MONGO_URL ?? '');
    try {
      const ticks = new TickRepository(client.db(environment.env.MONGO_DB));
      const now = new Date();
      const id = `lease-test@${now.toISOString()}`;
      const base = { scheduleId: '5f0c9a61-0a7e-4d8e-b2f4-9c1d2e3f4a5b', modelName: 'm', trigger: 'cron' as const };
      expect(
        await ticks.claim({ _id: id, ...base, scheduledFor: now, state: 'running', stage: 'freeze', createdAt: now }),
      ).toBe(true);
      expect(
        await ticks.claim({ _id: id, ...base, scheduledFor: now, state: 'running', stage: 'freeze', createdAt: now }),
      ).toBe(false);
      expect(await ticks.lease(id, 'replica-a', 60_000, now)).toMatchObject({ owner: 'replica-a' });
      expect(await ticks.lease(id, 'replica-b', 60_000, now)).toBeNull();
      expect((await ticks.workable('replica-b', now)).map((t) => t._id)).not.toContain(id);
      expect(await ticks.update(id, 'replica-b', { stage: 'train' })).toBeNull();
      const later = new Date(now.getTime() + 61_000);
      expect((await ticks.workable('replica-b', later)).map((t) => t._id)).toContain(id);
      expect(await ticks.lease(id, 'replica-b', 60_000, later)).toMatchObject({ owner: 'replica-b' });
      expect(await ticks.update(id, 'replica-a', { stage: 'train' })).toBeNull();
      expect(await ticks.update(id, 'replica-b', { stage: 'train' })).toMatchObject({ stage: 'train' });
    } finally {
      await client.close();
    }
  });
});

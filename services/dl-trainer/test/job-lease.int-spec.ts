import { randomUUID } from 'node:crypto';
import { createTestEnvironment, type TestEnvironment } from '@mlops/testing';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobLeaseRepository } from '../src/training-jobs/job-lease.repository.js';

describe('job leases on the real MongoDB-wire server', () => {
  let environment: TestEnvironment;
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    environment = await createTestEnvironment('job leases');
    client = new MongoClient(environment.mongoUrl, { maxPoolSize: 20 });
    db = client.db(environment.dbName);
  });

  afterAll(async () => {
    await client.close();
    await environment.dispose();
  });

  it('lets exactly one of many concurrent contenders take a job', async () => {
    const leases = new JobLeaseRepository(db);
    for (let round = 0; round < 5; round += 1) {
      const jobId = randomUUID();
      const results = await Promise.all(Array.from({ length: 10 }, () => leases.acquire(jobId, 60_000, false)));
      expect(results.filter(Boolean)).toHaveLength(1);
    }
  });

  it('refuses a live lease, grants an expired one, and tells the old holder it lost', async () => {
    const leases = new JobLeaseRepository(db);
    const jobId = randomUUID();
    const first = await leases.acquire(jobId, 60_000, false);
    expect(first).toEqual({ jobId, generation: 1 });
    expect(await leases.acquire(jobId, 60_000, false)).toBeUndefined();
    if (!first) throw new Error('no lease');
    await leases.expire(first);
    const second = await leases.acquire(jobId, 60_000, false);
    expect(second).toEqual({ jobId, generation: 2 });
    expect(await leases.isCurrent(first)).toBe(false);
    expect(await leases.renew(first, 60_000)).toBe(false);
    if (!second) throw new Error('no lease');
    expect(await leases.renew(second, 60_000)).toBe(true);
  });

  it('lets a redelivered message take over a live lease', async () => {
    const leases = new JobLeaseRepository(db);
    const jobId = randomUUID();
    await leases.acquire(jobId, 60_000, false);
    expect(await leases.acquire(jobId, 60_000, true)).toEqual({ jobId, generation: 2 });
  });
});

import { createLogger } from '@mlops/logger';
import { connectMongo, type MongoStore } from '@mlops/mongo';
import { createTestEnvironment, waitFor, type TestEnvironment } from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyFigures } from '../src/rollout/rollout-figures.js';
import { RolloutRepository, type PendingTransition, type RolloutDocument } from '../src/rollout/rollout.repository.js';
import { rolloutCollections } from '../src/rollout/rollouts.js';

function rollout(model: string, id: string): RolloutDocument {
  const now = new Date();
  return {
    _id: model,
    id,
    model,
    version: 2,
    productionVersion: 1,
    status: 'running',
    stageIndex: 0,
    stageStartedAt: now,
    spec: {
      stages: [{ stage: 'shadow', minRequests: 10 }],
      guardrails: { maxErrorRate: 0.01, drift: { failOn: 'drift' } },
    },
    history: [],
    figures: emptyFigures(),
    guardrails: [],
    pending: null,
    lease: null,
    startedBy: 'test',
    startedAt: now,
    updatedAt: now,
  };
}

const pending: PendingTransition = {
  kind: 'rollback',
  reason: 'test',
  by: 'test',
  figures: emptyFigures(),
  guardrails: [],
  at: new Date(),
};

describe('rollout state in MongoDB: one rollout per model, one decider, one transition per stage', () => {
  let environment: TestEnvironment;
  let mongo: MongoStore;
  let repository: RolloutRepository;

  beforeAll(async () => {
    environment = await createTestEnvironment('rollout lease');
    mongo = await connectMongo({
      url: environment.mongoUrl,
      dbName: environment.dbName,
      appName: 'rollout-lease',
      logger: createLogger({ service: 'test', level: 'silent' }),
      collections: rolloutCollections,
    });
    repository = new RolloutRepository(mongo.db);
  });

  afterAll(async () => {
    await mongo.close();
    await environment.dispose();
  });

  it('refuses a second rollout of a model while one runs, and archives a finished one', async () => {
    expect(await repository.insert(rollout('m1', '00000000-0000-4000-8000-000000000001'))).toBe(true);
    expect(await repository.insert(rollout('m1', '00000000-0000-4000-8000-000000000002'))).toBe(false);
    expect(await repository.claimTransition('m1', '00000000-0000-4000-8000-000000000001', 0, pending)).toBe(true);
    await repository.completeTransition('m1', '00000000-0000-4000-8000-000000000001', {
      status: 'rolled-back',
      stageIndex: 0,
      figures: emptyFigures(),
      guardrails: [],
      entry: {
        at: new Date(),
        event: 'rolled-back',
        stage: 'shadow',
        reason: 'test',
        by: 'test',
        figures: null,
        guardrails: [],
      },
    });
    expect(await repository.insert(rollout('m1', '00000000-0000-4000-8000-000000000002'))).toBe(true);
    expect((await repository.find('m1'))?.id).toBe('00000000-0000-4000-8000-000000000002');
    expect(await mongo.db.collection('rollouts_archive').countDocuments({ model: 'm1' })).toBe(1);
  });

  it('gives the lease to one replica until it lapses, and a stage transition to one claim', async () => {
    const id = '00000000-0000-4000-8000-000000000003';
    await repository.insert(rollout('m2', id));
    expect(await repository.acquireLease('m2', id, 'replica-a', 60_000)).toBe(true);
    expect(await repository.acquireLease('m2', id, 'replica-b', 60_000)).toBe(false);
    expect(await repository.acquireLease('m2', id, 'replica-a', 60_000)).toBe(true);
    await repository.releaseLease('m2', 'replica-a');
    expect(await repository.acquireLease('m2', id, 'replica-b', 1)).toBe(true);
    // replica-b's lease (1 ms) lapses without renewal: replica-a takes over.
    await waitFor(async () => ((await repository.acquireLease('m2', id, 'replica-a', 60_000)) ? true : undefined));
    expect(await repository.acquireLease('m2', id, 'replica-b', 60_000)).toBe(false);

    expect(await repository.claimTransition('m2', id, 0, pending)).toBe(true);
    expect(await repository.claimTransition('m2', id, 0, { ...pending, kind: 'advance' })).toBe(false);
    expect((await repository.find('m2'))?.pending?.kind).toBe('rollback');
  });

  it('sums the counts every replica adds to a stage', async () => {
    const delta = () => ({
      requests: 3,
      errors: 1,
      compared: 3,
      agreed: 2,
      candidateLatency: new Map([[10, 3]]),
      productionLatency: new Map([[8, 2]]),
    });
    await Promise.all([repository.addCounters('r:0', delta()), repository.addCounters('r:0', delta())]);
    expect(await repository.counters('r:0')).toMatchObject({
      requests: 6,
      errors: 2,
      compared: 6,
      agreed: 4,
      candidateLatency: { l10: 6 },
      productionLatency: { l8: 4 },
    });
  });
});

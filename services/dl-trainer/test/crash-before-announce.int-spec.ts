import { randomUUID } from 'node:crypto';
import { trainingJobRequestSchema } from '@mlops/contracts';
import { createLogger } from '@mlops/logger';
import type { Broker, MessageContext } from '@mlops/messaging';
import { connectMongo, type MongoStore } from '@mlops/mongo';
import { createTestEnvironment, type TestEnvironment } from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobLeaseRepository, jobLeasesCollection } from '../src/training-jobs/job-lease.repository.js';
import { handleTrainingRequested } from '../src/training-jobs/training-requested.consumer.js';
import { TrainingJobRepository, trainingJobsCollection } from '../src/training-jobs/training-job.repository.js';
import { ControllableExecutor } from './controllable-executor.js';

/*
 * "finished" then the publish: the job's outcome is written, then the process dies before
 * `training.completed` is confirmed. The message was not acked, so RabbitMQ delivers it again to
 * the restarted worker, which must announce the job (once) without training it again.
 */

const logger = createLogger({ service: 'dl-trainer-test', level: 'silent' });

function contextOf(attempt: number, redelivered: boolean): MessageContext {
  return {
    messageId: randomUUID(),
    attempt,
    redelivered,
    requestId: undefined,
    logger,
    signal: new AbortController().signal,
  };
}

describe('dl-trainer: a crash between the outcome and its event loses no event', () => {
  let environment: TestEnvironment;
  let mongo: MongoStore;

  beforeAll(async () => {
    environment = await createTestEnvironment('dl-trainer crash announce');
    mongo = await connectMongo({
      url: environment.mongoUrl,
      dbName: environment.dbName,
      appName: 'crash-test',
      logger,
      collections: [trainingJobsCollection, jobLeasesCollection],
    });
  });

  afterAll(async () => {
    await mongo.close();
    await environment.dispose();
  });

  it('publishes training.completed on the redelivery, once, and trains once', async () => {
    const published: { key: string; messageId: string | undefined }[] = [];
    let crashes = 1;
    const broker = {
      publishEvent: (key: string, _schema: unknown, _payload: unknown, options: { messageId?: string } = {}) => {
        if (crashes > 0) {
          crashes -= 1;
          return Promise.reject(new Error('crash: the process died before the confirm'));
        }
        published.push({ key, messageId: options.messageId });
        return Promise.resolve(options.messageId ?? '');
      },
    } as unknown as Broker;
    const executor = new ControllableExecutor(() => 'succeed');
    const jobs = new TrainingJobRepository(mongo.db);
    const deps = {
      broker,
      jobs,
      leases: new JobLeaseRepository(mongo.db),
      executor,
      prefetch: 1,
      maxAttempts: 3,
      leaseMs: 3000,
    };
    const message = {
      jobId: randomUUID(),
      requestedAt: new Date().toISOString(),
      request: trainingJobRequestSchema.parse({
        modelName: 'crash-model',
        task: 'spam',
        dataset: { name: 'spamassassin', version: 1 },
      }),
    };

    await expect(handleTrainingRequested(deps, message, contextOf(1, false))).rejects.toThrow(/crash/);
    const finished = await jobs.findById(message.jobId);
    expect(finished).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(finished?.announcedAt).toBeUndefined();

    await handleTrainingRequested(deps, message, contextOf(1, true));
    expect(published).toEqual([{ key: 'training.completed', messageId: `${message.jobId}:succeeded` }]);
    expect((await jobs.findById(message.jobId))?.announcedAt).toBeInstanceOf(Date);

    await handleTrainingRequested(deps, message, contextOf(1, true));
    expect(published).toHaveLength(1);
    expect(executor.started).toEqual([message.jobId]);
  });
});

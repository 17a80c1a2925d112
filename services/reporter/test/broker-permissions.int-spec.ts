import { WORK_QUEUES } from '@mlops/contracts';
import { checkBrokerZone } from '@mlops/testing';
import { describe, expect, it } from 'vitest';
import { liveQueueName } from '../src/live/live-queue.js';
import { replicaTopology } from '../src/topology.js';

describe('reporter RabbitMQ user (deploy/compose/rabbitmq/permissions.tsv)', () => {
  it('declares its own topology (with its replica live-feed queue) and publishes, but cannot declare another service queue', async () => {
    const outcome = await checkBrokerZone({
      service: 'reporter',
      topology: replicaTopology(liveQueueName('reporter-7d9f.Pod_2')),
      foreignTopology: { queues: [{ queue: WORK_QUEUES.trainingRequested }] },
    });

    expect(outcome.ownWorkConfirmed).toBe(true);
    expect(outcome.consumedAfterRetry).toBe(true);
    expect(outcome.eventConfirmed).toBe(true);
    expect(outcome.foreignRefusal).toMatch(/ACCESS_REFUSED/);
  });
});

import { WORK_QUEUES } from '@mlops/contracts';
import { checkBrokerZone } from '@mlops/testing';
import { describe, expect, it } from 'vitest';
import { inferenceTopology } from '../src/topology.js';

describe('inference RabbitMQ user (deploy/compose/rabbitmq/permissions.tsv)', () => {
  it('declares its own topology and publishes, but cannot declare another service queue', async () => {
    const outcome = await checkBrokerZone({
      service: 'inference',
      topology: inferenceTopology('inference.model-promoted'),
      foreignTopology: { queues: [{ queue: WORK_QUEUES.reportsRender }] },
    });

    expect(outcome.ownWorkConfirmed).toBe(true);
    expect(outcome.consumedAfterRetry).toBe(true);
    expect(outcome.eventConfirmed).toBe(true);
    expect(outcome.foreignRefusal).toMatch(/ACCESS_REFUSED/);
  });
});

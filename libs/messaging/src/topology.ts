import { DEAD_LETTER_EXCHANGE, EVENTS_EXCHANGE } from '@mlops/contracts';
import type { Channel } from 'amqplib';

/** How many times RabbitMQ redelivers a message whose consumer died before acking, before dead-lettering it. */
const DELIVERY_LIMIT = 20;

/** The three queues behind one consumer queue: itself, its delay queue for retries, and its dead-letter queue. */
export interface QueueNames {
  readonly queue: string;
  readonly retry: string;
  readonly deadLetter: string;
}

/** Names the retry (`<queue>.retry`) and dead-letter (`<queue>.dlq`) queues of a consumer queue. */
export function queueNames(queue: string): QueueNames {
  return { queue, retry: `${queue}.retry`, deadLetter: `${queue}.dlq` };
}

/** A durable queue some service consumes: a work queue, or a subscription bound to event routing keys. */
export interface QueueDeclaration {
  readonly queue: string;
  /** Routing keys on `mlops.events` this queue subscribes to; empty for a work queue fed directly. */
  readonly bindings?: readonly string[];
}

/** The exchanges and queues a connection declares (idempotently) each time it connects. */
export interface Topology {
  readonly queues: readonly QueueDeclaration[];
}

/**
 * Declares the exchanges and, for each queue: a quorum queue that dead-letters to
 * `mlops.dead-letter` (also after DELIVERY_LIMIT redeliveries of a crashing consumer),
 * a delay queue whose expired messages flow back into it, and its DLQ.
 */
export async function assertTopology(channel: Channel, topology: Topology): Promise<void> {
  await channel.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true });
  await channel.assertExchange(DEAD_LETTER_EXCHANGE, 'direct', { durable: true });
  for (const declaration of topology.queues) {
    const names = queueNames(declaration.queue);
    await channel.assertQueue(names.queue, {
      durable: true,
      arguments: {
        'x-queue-type': 'quorum',
        'x-delivery-limit': DELIVERY_LIMIT,
        'x-dead-letter-exchange': DEAD_LETTER_EXCHANGE,
        'x-dead-letter-routing-key': names.queue,
      },
    });
    await channel.assertQueue(names.retry, {
      durable: true,
      arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': names.queue },
    });
    await channel.assertQueue(names.deadLetter, { durable: true });
    await channel.bindQueue(names.deadLetter, DEAD_LETTER_EXCHANGE, names.queue);
    for (const routingKey of declaration.bindings ?? []) {
      await channel.bindQueue(names.queue, EVENTS_EXCHANGE, routingKey);
    }
  }
}

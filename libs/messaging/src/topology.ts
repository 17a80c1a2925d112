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
  /**
   * A queue of this connection only (one per process, for a live feed every replica receives):
   * exclusive, deleted when the connection closes and declared again on the next one, capped at
   * `TRANSIENT_QUEUE_MAX_LENGTH` messages (the oldest dropped), with no retry or dead-letter queue.
   * What is published while the connection is down is not kept.
   */
  readonly transient?: boolean;
}

/** Most messages a transient queue holds; beyond, the oldest are dropped. */
const TRANSIENT_QUEUE_MAX_LENGTH = 10_000;

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
    if (declaration.transient) {
      await assertTransientQueue(channel, declaration);
      continue;
    }
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

async function assertTransientQueue(channel: Channel, declaration: QueueDeclaration): Promise<void> {
  await channel.assertQueue(declaration.queue, {
    exclusive: true,
    autoDelete: true,
    durable: false,
    arguments: { 'x-max-length': TRANSIENT_QUEUE_MAX_LENGTH, 'x-overflow': 'drop-head' },
  });
  for (const routingKey of declaration.bindings ?? []) {
    await channel.bindQueue(declaration.queue, EVENTS_EXCHANGE, routingKey);
  }
}

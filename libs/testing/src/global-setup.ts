import { provideInfrastructure } from './infrastructure.js';

type Stopper = () => Promise<void>;
const STOPPER_KEY = Symbol.for('mlops.testing.stopInfrastructure');

/**
 * Global setup of the integration test project: provides MongoDB and RabbitMQ once per run
 * and exports their URLs to the workers through the environment.
 */
export async function setupInfrastructure(): Promise<void> {
  const [infrastructure, stop] = await provideInfrastructure();
  process.env.MONGO_URL = infrastructure.mongoUrl;
  process.env.AMQP_URL = infrastructure.amqpUrl;
  process.env.AMQP_MANAGEMENT_URL = infrastructure.amqpManagementUrl;
  (globalThis as Record<symbol, Stopper>)[STOPPER_KEY] = stop;
}

/** Global teardown of the integration test project: stops what the setup started (containers); local servers stay up for the next run. */
export async function teardownInfrastructure(): Promise<void> {
  const stop = (globalThis as Record<symbol, Stopper | undefined>)[STOPPER_KEY];
  await stop?.();
}

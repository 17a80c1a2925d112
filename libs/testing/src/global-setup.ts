import { provideInfrastructure } from './infrastructure.js';
import { RabbitManagement } from './rabbit-management.js';
import { staleSuiteIds } from './test-environment.js';

type Stopper = () => Promise<void>;
const STOPPER_KEY = Symbol.for('mlops.testing.stopInfrastructure');

/**
 * Global setup of the integration test project: provides MongoDB and RabbitMQ once per run
 * and exports their URLs to the workers through the environment.
 */
/** Suite vhosts older than this, without connections, are left-overs of killed runs. */
const STALE_SUITE_MS = 6 * 60 * 60_000;

/**
 * Deletes the suite vhosts a killed run left on the shared RabbitMQ (its clean-up never ran):
 * older than `STALE_SUITE_MS` and without a connection. Best effort: a failure is only reported.
 */
async function removeStaleSuiteVhosts(managementUrl: string): Promise<void> {
  try {
    const rabbit = new RabbitManagement(managementUrl);
    for (const vhost of staleSuiteIds(await rabbit.listVhosts(), Date.now(), STALE_SUITE_MS)) {
      if ((await rabbit.connectionCount(vhost)) === 0) await rabbit.deleteVhost(vhost);
    }
  } catch (error) {
    process.stderr.write(`test setup: left-over suite vhosts not removed: ${String(error)}\n`);
  }
}

export async function setupInfrastructure(): Promise<void> {
  const [infrastructure, stop] = await provideInfrastructure();
  await removeStaleSuiteVhosts(infrastructure.amqpManagementUrl);
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

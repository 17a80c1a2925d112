import { setupInfrastructure, teardownInfrastructure } from '@mlops/testing';

/**
 * @public
 * Integration project: provide MongoDB and RabbitMQ once per run; stop what was started for it afterwards. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  await setupInfrastructure();
  return teardownInfrastructure;
}

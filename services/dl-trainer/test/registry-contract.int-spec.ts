import type { AddressInfo } from 'node:net';
import { createServiceClient } from '@mlops/clients';
import { registryRoutes } from '@mlops/contracts';
import { createTestEnvironment, registryContractSuite, TEST_KEYS, testKeyVerifier } from '@mlops/testing';
import { buildApp } from '../src/app.js';
import { loadDlTrainerConfig } from '../src/config.js';
import { tarGz } from './support/tarball.js';

registryContractSuite('the real registry (dl-trainer, MongoDB, RabbitMQ)', async () => {
  const environment = await createTestEnvironment('dl-trainer registry contract');
  const app = await buildApp(loadDlTrainerConfig({ ...environment.env, SHUTDOWN_TIMEOUT_MS: '500' }), {
    keyVerifier: testKeyVerifier,
  }).catch(async (error: unknown) => {
    await environment.dispose();
    throw error;
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const registry = createServiceClient(registryRoutes, { baseUrl, apiKey: TEST_KEYS.admin });
  return {
    baseUrl,
    async addVersion(name, files) {
      const archive = await tarGz([...files].map(([path, content]) => ({ name: path, content: Buffer.from(content) })));
      const version = await registry.versions.import({
        params: { name },
        upload: { files: { content: archive, filename: `${name}.tar.gz`, contentType: 'application/gzip' } },
      });
      return version.version;
    },
    async close() {
      await app.close();
      await environment.dispose();
    },
  };
});

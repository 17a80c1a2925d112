import { registryContractSuite } from './registry-contract-suite.js';
import { StandInRegistry } from './stand-in-registry.js';

registryContractSuite('the stand-in (libs/testing)', async () => {
  const standIn = new StandInRegistry();
  const baseUrl = await standIn.start();
  return {
    baseUrl,
    addVersion: (name, files) => Promise.resolve(standIn.register(name, files)),
    close: () => standIn.stop(),
  };
});

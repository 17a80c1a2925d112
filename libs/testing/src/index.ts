export { createTestEnvironment, type TestEnvironment } from './test-environment.js';
export { RabbitManagement } from './rabbit-management.js';
export { setupInfrastructure, teardownInfrastructure } from './global-setup.js';
export { waitFor } from './wait-for.js';
export { checkHttpSurface } from './http-surface.js';
export { topicCorpus } from './topic-corpus.js';
export { StandInRegistry, type RegisteredFolder } from './stand-in-registry.js';
export { multipartBody, type FormPart } from './multipart-body.js';
export {
  closedBaseUrl,
  localUpstreams,
  sendJson,
  sendProblem,
  startLocalUpstream,
  type UpstreamHandler,
} from './local-upstream.js';
export { multipartParts, type ReceivedPart } from './multipart-parts.js';
export { freePort, spawnService, type ServiceProcess } from './service-process.js';
export { registryContractSuite } from './registry-contract-suite.js';
/**
 * @public The types in the signatures of `topicCorpus` and `registryContractSuite`, so that tests
 * can name a corpus row or the target they open for the suite.
 */
export type { TopicRow } from './topic-corpus.js';
/** @public See above. */
export type { RegistryContractTarget } from './registry-contract-suite.js';
/** @public The types in the signatures of the local upstreams, so that handlers can name what they receive. */
export type { LocalUpstream, ReceivedRequest } from './local-upstream.js';
export { checkBrokerZone } from './broker-zone.js';
export { bearer, testKeyFor, testKeyVerifier, TEST_KEYS, withTestKey } from './test-keys.js';
export { checkRouteScopes } from './route-scopes.js';
/** @public The finding type of `checkRouteScopes`. */
export type { ScopeFinding } from './route-scopes.js';
export { startStandInKeyOwner, type StandInKeyOwner } from './stand-in-key-owner.js';

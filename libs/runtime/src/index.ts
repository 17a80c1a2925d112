export { openInfrastructure, type InfrastructureRequest, type ServiceInfrastructure } from './infrastructure.js';
export {
  buildConnectedApp,
  buildStatelessApp,
  serviceLogger,
  type ServiceAppSpec,
  type ConnectedServiceAppSpec,
} from './service-app.js';
export { startServer } from './start-server.js';

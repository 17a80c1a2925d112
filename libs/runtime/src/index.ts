export { buildConnectedApp, buildStatelessApp } from './service-app.js';
export { startServer } from './start-server.js';
export { startPeriodicTask } from './periodic-task.js';

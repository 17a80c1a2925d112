export { createLogger, jobLogger, type Logger } from './create-logger.js';
export { redactUrl, scrubSecrets } from './redaction.js';

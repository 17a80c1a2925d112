export { createLogger, jobLogger, type Logger } from './create-logger.js';
export { redactUrl } from './redaction.js';

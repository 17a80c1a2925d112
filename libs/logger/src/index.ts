export { createLogger, requestLogger, jobLogger, type Logger, type LoggerSettings } from './create-logger.js';
export { REDACTED_PATHS, redactUrl } from './redaction.js';

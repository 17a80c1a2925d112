import { pino, type Logger, type LoggerOptions } from 'pino';
import { REDACTED_PATHS } from './redaction.js';

export type { Logger } from 'pino';

/** What a service tells the logger about itself. */
export interface LoggerSettings {
  readonly service: string;
  readonly level?: LoggerOptions['level'];
  /** Human-readable output for a terminal; JSON lines otherwise. */
  readonly pretty?: boolean;
  /** Where lines go; defaults to stdout. Tests pass a stream to read them back. */
  readonly destination?: pino.DestinationStream;
}

/** Creates the root pino logger of a service: JSON lines, ISO time, level labels, credentials redacted. */
export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    base: { service: settings.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
  };
  if (settings.pretty && !settings.destination) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } });
  }
  return settings.destination ? pino(options, settings.destination) : pino(options);
}

/** A child logger that stamps every line with the job id (and the message id when there is one). */
export function jobLogger(logger: Logger, jobId: string, messageId?: string): Logger {
  return logger.child(messageId ? { jobId, messageId } : { jobId });
}

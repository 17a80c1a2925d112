import { pino, type Logger, type LoggerOptions } from 'pino';
import { REDACTED_PATHS, scrubDeep, scrubSecrets } from './redaction.js';

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

/**
 * Creates the root pino logger of a service: JSON lines, ISO time, level labels. Credentials
 * and document text never reach a line: known paths are censored, every string (message,
 * fields, error messages and stacks) loses API keys, bearer credentials and URL passwords, and
 * the finished line is scrubbed once more (what serializers such as fastify's `req` produce).
 */
export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    base: { service: settings.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => scrubDeep(object) as Record<string, unknown>,
    },
    serializers: { err: (error: unknown) => (error instanceof Error ? scrubDeep(error) : error) },
    hooks: {
      logMethod(args, method) {
        const scrubbed: unknown[] = args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg) : arg));
        const [first] = args;
        if (first instanceof Error && args.length === 1) scrubbed.push(scrubSecrets(first.message));
        method.apply(this, scrubbed as Parameters<typeof method>);
      },
      streamWrite: scrubSecrets,
    },
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

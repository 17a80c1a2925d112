import type { z } from 'zod';

/** One environment variable that failed validation. */
export interface ConfigIssue {
  readonly variable: string;
  readonly message: string;
}

/** Thrown when the environment does not satisfy a service's config schema; the message names every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly issues: readonly ConfigIssue[]) {
    super(`Invalid environment: ${issues.map((i) => `${i.variable}: ${i.message}`).join('; ')}`);
  }

  /** Builds the error from a zod failure, naming each variable by its path. */
  static fromZod(error: z.ZodError): ConfigError {
    return new ConfigError(
      error.issues.map((issue) => ({
        variable: issue.path.map(String).join('.') || '(root)',
        message: issue.message,
      })),
    );
  }
}

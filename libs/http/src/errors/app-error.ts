import type { FieldError } from '@mlops/contracts';

/** An error a client can act on: a stable code, an HTTP status, a human title and detail. */
export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: string,
    readonly statusCode: number,
    readonly title: string,
    detail?: string,
    readonly fieldErrors?: readonly FieldError[],
  ) {
    super(detail ?? title);
  }
}

/** Builds an AppError of one registered kind, optionally with a detail and field errors. */
export type AppErrorFactory = ((detail?: string, fieldErrors?: readonly FieldError[]) => AppError) & {
  readonly code: string;
  readonly statusCode: number;
};

const registry = new Map<string, { statusCode: number; title: string }>();

/**
 * Registers an error kind under a code that is never reused (`<AREA>_<WHAT>`, upper snake case)
 * and returns its factory. Registering the same code twice with a different meaning throws.
 */
export function defineError(code: string, statusCode: number, title: string): AppErrorFactory {
  if (!/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(code)) throw new Error(`error code ${code} is not <AREA>_<WHAT>`);
  const existing = registry.get(code);
  if (existing && (existing.statusCode !== statusCode || existing.title !== title)) {
    throw new Error(`error code ${code} is already registered with another meaning`);
  }
  registry.set(code, { statusCode, title });
  const factory = (detail?: string, fieldErrors?: readonly FieldError[]) =>
    new AppError(code, statusCode, title, detail, fieldErrors);
  return Object.assign(factory, { code, statusCode });
}

/** One row of an error table: a code, the HTTP status it answers with, a title. */
export interface ErrorDefinition {
  readonly code: string;
  readonly status: number;
  readonly title: string;
}

/** Registers every error of a table (as `defineError` does each) and returns their factories by name. */
export function defineErrors<T extends Readonly<Record<string, ErrorDefinition>>>(
  table: T,
): { readonly [K in keyof T]: AppErrorFactory } {
  return Object.fromEntries(
    Object.entries(table).map(([name, error]) => [name, defineError(error.code, error.status, error.title)]),
  ) as { readonly [K in keyof T]: AppErrorFactory };
}

import type { Assignment, SearchSpace } from './search-space.js';

/** A pointer of the search space that names no field of the base config. */
export class UnknownConfigFieldError extends Error {
  override readonly name = 'UnknownConfigFieldError';

  constructor(
    readonly parameterIndex: number,
    readonly pointer: string,
  ) {
    super(`${pointer} names no field of the base config`);
  }
}

function segments(pointer: string): string[] {
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks that every pointer of `space` names an existing field of `base` (its defaults applied),
 * or a new key of an existing object when the parameter is conditional (a field that only
 * exists for some model kinds); throws `UnknownConfigFieldError` for the first that does not.
 */
export function assertPointersExist(space: SearchSpace, base: unknown): void {
  space.forEach((parameter, index) => {
    const path = segments(parameter.pointer);
    let node: unknown = base;
    for (const [depth, key] of path.entries()) {
      const last = depth === path.length - 1;
      if (!isRecord(node) || (!(key in node) && !(last && parameter.when !== undefined))) {
        throw new UnknownConfigFieldError(index, parameter.pointer);
      }
      node = node[key];
    }
  });
}

/**
 * The "mute actions" of a trial: a new config with each sampled value written at its parameter's
 * pointer. `base` is never mutated (every object on a written path is copied); the result is frozen.
 */
export function applyOverrides<T>(base: T, space: SearchSpace, assignment: Assignment): T {
  let result: unknown = base;
  for (const parameter of space) {
    const value = assignment[parameter.name];
    if (value !== undefined) result = setAt(result, segments(parameter.pointer), value);
  }
  return deepFreeze(result) as T;
}

function setAt(node: unknown, path: readonly string[], value: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  const record = isRecord(node) ? node : {};
  return { ...record, [key]: setAt(record[key], rest, value) };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

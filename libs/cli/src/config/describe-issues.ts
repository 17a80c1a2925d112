import type { z } from 'zod';

/** One line per zod issue, naming the field by its dotted path (`config.optimization.epochs: ...`). */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const unknownKeys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    return `${path === '' ? '(top level)' : path}: ${issue.message}${unknownKeys}`;
  });
}

/** Turns a JSON pointer (`/body/config/optimization/epochs`) into a dotted path below `prefix`. */
export function pointerToPath(pointer: string, prefix = '/body'): string {
  const rest = pointer.startsWith(prefix) ? pointer.slice(prefix.length) : pointer;
  return rest
    .split('/')
    .filter((part) => part !== '')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

import { artifactPathSchema } from '@mlops/contracts';
import { registryErrors } from '../errors.js';

/** The file every importable folder carries. */
export const MANIFEST_PATH = 'manifest.json';

/** Escapes a string for use as one JSON pointer token. */
export function pointerToken(value: string): string {
  return value.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Accepts a file path for a model folder or throws REGISTRY_UNSAFE_PATH naming it: relative,
 * no `.` or `..` segment, no backslash, only the characters of `artifactPathSchema`.
 */
export function checkArtifactPath(path: string, pointerRoot: string): string {
  if (artifactPathSchema.safeParse(path).success) return path;
  const reason = path.split(/[\\/]/).some((segment) => segment === '..')
    ? 'path escapes the folder'
    : path.startsWith('/')
      ? 'absolute path'
      : 'only relative paths of letters, digits, ".", "_" and "-" segments, none starting with "."';
  throw registryErrors.unsafePath(`${JSON.stringify(path)}: ${reason}`, [
    { pointer: `${pointerRoot}/${pointerToken(path)}`, message: reason },
  ]);
}

/** Paths must be unique within a folder; throws REGISTRY_DUPLICATE_PATH on the first repeat. */
export function checkUniquePaths(paths: readonly string[], pointerRoot: string): void {
  const seen = new Set<string>();
  for (const path of paths) {
    if (seen.has(path))
      throw registryErrors.duplicatePath(`${path} appears twice`, [
        { pointer: `${pointerRoot}/${pointerToken(path)}`, message: 'duplicate path' },
      ]);
    seen.add(path);
  }
}

/**
 * Names a folder was packed with: `./a/b` is `a/b`. When the folder was packed from its parent
 * (`tar czf m.tgz model/`: every path under one top folder and no root manifest), that top
 * folder is dropped so the manifest sits at the root.
 */
export function rootedPaths(paths: readonly string[]): (path: string) => string {
  if (paths.includes(MANIFEST_PATH)) return (path) => path;
  const tops = new Set(paths.map((path) => path.split('/')[0]));
  const [top] = tops;
  const nested =
    tops.size === 1 &&
    top !== undefined &&
    paths.includes(`${top}/${MANIFEST_PATH}`) &&
    paths.every((path) => path.startsWith(`${top}/`));
  if (!nested) return (path) => path;
  return (path) => path.slice(top.length + 1);
}

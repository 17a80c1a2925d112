import { execFileSync } from 'node:child_process';

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  h2: 'mongo-java-server 1.47 on an H2 file, each write committed before it is acknowledged (scripts/infra default)',
  ferretdb: 'FerretDB 1.24 on SQLite (scripts/infra MLOPS_MONGO_IMPL=ferretdb)',
  java: 'mongo-java-server 1.47 in memory, no durability (scripts/infra MLOPS_MONGO_IMPL=java)',
};

/** Which MongoDB-wire server `scripts/infra` runs (`h2`, `ferretdb`, `java`), read from its status line. */
export function infraMongoImpl(): string {
  const status = execFileSync('scripts/infra', ['status', 'mongo'], { encoding: 'utf8' });
  return /mongo:\s+up\s+\((\w+),/.exec(status)?.[1] ?? 'unknown';
}

/** A sentence naming the store, for the rows and notes of a result. */
export function describeStore(impl: string): string {
  return DESCRIPTIONS[impl] ?? `an unknown MongoDB-wire server (${impl})`;
}

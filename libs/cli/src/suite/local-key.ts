import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file scripts/up keeps the local suite's keys in (mode 600): `$MLOPS_INFRA_DIR/services/keys.env`. */
function localKeysFile(env: NodeJS.ProcessEnv): string {
  return join(env.MLOPS_INFRA_DIR ?? join(env.TMPDIR ?? '/tmp', 'mlops-infra'), 'services', 'keys.env');
}

/**
 * The local suite's admin key, as `scripts/up key` prints it (scripts/up generates it on its first
 * run and seeds feature-store's key store with it); undefined before the suite ever ran here.
 */
export function localAdminKey(env: NodeJS.ProcessEnv): string | undefined {
  const file = localKeysFile(env);
  if (!existsSync(file)) return undefined;
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('MLOPS_ADMIN_KEY='));
  const key = line?.slice('MLOPS_ADMIN_KEY='.length).trim();
  return key === undefined || key === '' ? undefined : key;
}

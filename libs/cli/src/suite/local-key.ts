import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where scripts/demo and `mlops up` keep the local admin key (the state folder of scripts/infra). */
export function localKeyPath(env: NodeJS.ProcessEnv): string {
  return join(env.MLOPS_INFRA_DIR ?? join(env.TMPDIR ?? '/tmp', 'mlops-infra'), 'local-admin.key');
}

/**
 * The local suite's admin key, made once (mode 600) like scripts/demo makes it: it seeds
 * feature-store's key store and is each local service's own key.
 */
export function localAdminKey(env: NodeJS.ProcessEnv): string {
  const path = localKeyPath(env);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    const key = `mlk_${randomBytes(6).toString('hex')}_${randomBytes(32).toString('base64url')}`;
    writeFileSync(path, key, { mode: 0o600 });
  }
  return readFileSync(path, 'utf8').trim();
}

import { createHash } from 'node:crypto';

/**
 * Where a request key falls in [0, 1) for a model: the same key always falls at the same place,
 * so a caller that sends one key (a user, a tenant, a session) always gets the same version
 * while the canary share is unchanged; keys of different models fall independently.
 */
export function canaryPosition(model: string, key: string): number {
  const digest = createHash('sha256').update(model).update('\0').update(key).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/**
 * True when the request goes to the canary: its key's position is below the share. A request
 * without a key is placed at random (not sticky).
 */
export function routesToCanary(model: string, key: string | undefined, share: number): boolean {
  if (share <= 0) return false;
  if (share >= 1) return true;
  const position = key === undefined || key.length === 0 ? Math.random() : canaryPosition(model, key);
  return position < share;
}

import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** How a key's secret is stored: scrypt with a salt of its own, and the parameters it was made with. */
export interface SecretHash {
  readonly algorithm: 'scrypt';
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly keyLength: number;
  /** base64 */
  readonly salt: string;
  /** base64 */
  readonly hash: string;
}

/** 16 MiB and a few tens of milliseconds per check; verified keys are cached, so this is paid once per key and TTL. */
const PARAMS = { N: 16_384, r: 8, p: 1, keyLength: 32 } as const;

function derive(
  secret: string,
  salt: Buffer,
  params: Omit<SecretHash, 'algorithm' | 'salt' | 'hash'>,
): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, params.keyLength, options, (error, derived) => (error ? reject(error) : resolve(derived)));
  });
}

/** A new key: a public prefix (12 lowercase letters and digits) and a secret of 32 random bytes. */
export function newKey(): { key: string; prefix: string; secret: string } {
  const prefix = randomBytes(12)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .padEnd(8, '0')
    .slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  return { key: `mlk_${prefix}_${secret}`, prefix, secret };
}

/** Hashes a secret for storage. */
export async function hashSecret(secret: string): Promise<SecretHash> {
  const salt = randomBytes(16);
  const hash = await derive(secret, salt, PARAMS);
  return { algorithm: 'scrypt', ...PARAMS, salt: salt.toString('base64'), hash: hash.toString('base64') };
}

/** Whether a secret matches its stored hash (constant time over the hash). */
export async function secretMatches(secret: string, stored: SecretHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await derive(secret, Buffer.from(stored.salt, 'base64'), stored);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

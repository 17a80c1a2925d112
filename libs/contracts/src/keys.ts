import { z } from 'zod';

/**
 * The scopes a key can hold. `admin` implies every other one; `introspect` lets a service ask the
 * key owner (feature-store) who holds a key, and nothing else.
 */
export const SCOPES = ['read', 'ingest', 'label', 'train', 'promote', 'predict', 'introspect', 'admin'] as const;

/** One scope a key can hold. */
export type Scope = (typeof SCOPES)[number];

export const scopeSchema = z.enum(SCOPES);

/** The public part of a key, which names it in lists, logs and the revoke route. */
export const keyPrefixSchema = z.string().regex(/^[a-z0-9]{8,32}$/, '8 to 32 lowercase letters or digits');

/** `mlk_<prefix>_<secret>`: the prefix is public, the secret (≥ 32 random bytes, base64url) is not. */
export const API_KEY_PATTERN = /^mlk_([a-z0-9]{8,32})_([A-Za-z0-9_-]{43,128})$/;

/** A whole key as a client sends it (`Authorization: Bearer <key>`). */
export const apiKeySchema = z.string().regex(API_KEY_PATTERN, 'mlk_<prefix>_<secret>');

/** Splits a key into its public prefix and its secret; undefined when it is not a key. */
export function parseApiKey(key: string): { prefix: string; secret: string } | undefined {
  const [, prefix, secret] = API_KEY_PATTERN.exec(key) ?? [];
  return prefix !== undefined && secret !== undefined ? { prefix, secret } : undefined;
}

/** Who holds a key: a person, a team or a service. Recorded in audits as is. */
export const keyOwnerSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]*$/, 'letters, digits, ".", "_", "@" and "-", starting with a letter or digit');

/** Body of `POST /v1/keys`. No scope at all is allowed: such a key reads only `/metrics` and the docs where they need a key. */
export const createKeyBodySchema = z.strictObject({
  owner: keyOwnerSchema,
  scopes: z
    .array(scopeSchema)
    .max(SCOPES.length)
    .refine((s) => new Set(s).size === s.length, 'each scope once'),
  expiresAt: z.iso
    .datetime({ offset: true })
    .refine((at) => Date.parse(at) > Date.now(), 'must be in the future')
    .optional(),
  description: z.string().max(200).optional(),
});
export type CreateKeyBody = z.infer<typeof createKeyBodySchema>;

/** A key as listed: never its secret nor its hash. */
export const apiKeySummarySchema = z.object({
  prefix: keyPrefixSchema,
  owner: keyOwnerSchema,
  scopes: z.array(scopeSchema),
  description: z.string().optional(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export type ApiKeySummary = z.infer<typeof apiKeySummarySchema>;

/** The answer to a key's creation: the only time its secret is shown. */
export const createdKeySchema = apiKeySummarySchema.extend({ key: apiKeySchema });
export type CreatedKey = z.infer<typeof createdKeySchema>;

export const keyListQuerySchema = z.object({
  owner: keyOwnerSchema.optional(),
  /** Also list revoked keys (default: only the ones that still open doors). */
  includeRevoked: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const keyListSchema = z.object({ items: z.array(apiKeySummarySchema) });

export const keyParamsSchema = z.object({ prefix: keyPrefixSchema });

export const introspectBodySchema = z.strictObject({ key: z.string().min(1).max(256) });

/** Who holds a valid key, as the key owner answers a service asking. */
export const keyIdentitySchema = z.object({
  owner: keyOwnerSchema,
  scopes: z.array(scopeSchema),
  keyPrefix: keyPrefixSchema,
  expiresAt: z.iso.datetime().nullable(),
});
export type KeyIdentity = z.infer<typeof keyIdentitySchema>;

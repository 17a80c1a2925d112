import { z } from 'zod';
import { apiKeySchema, keyOwnerSchema, keyPrefixSchema, scopeSchema } from './keys.js';

/** The services the dashboard reaches through the reporter's proxy (`/ui/api/<service>/...`). */
export const UI_SERVICES = ['feature-store', 'dl-trainer', 'inference', 'reporter', 'nlp'] as const;

/** One service behind the dashboard's proxy. */
export type UiService = (typeof UI_SERVICES)[number];

/** Header every non-GET dashboard call carries: a page of another origin cannot set it without CORS, so it defends against CSRF. */
export const UI_CSRF_HEADER = 'x-mlops-ui';

/** Body of `POST /ui/session`: the API key to sign in with (kept by the reporter in an HttpOnly cookie, never by the page). */
export const uiSignInBodySchema = z.strictObject({ key: apiKeySchema });
export type UiSignInBody = z.infer<typeof uiSignInBodySchema>;

/** Who is signed in: the key's owner, its public prefix and its scopes (pages offer only what the scopes allow). */
export const uiSessionSchema = z.object({
  owner: keyOwnerSchema,
  keyPrefix: keyPrefixSchema,
  scopes: z.array(scopeSchema),
});
export type UiSession = z.infer<typeof uiSessionSchema>;

/** Path parameters of the proxy: the service and the rest of the path (`v1/models`). */
export const uiProxyParamsSchema = z.object({ service: z.enum(UI_SERVICES), '*': z.string() });

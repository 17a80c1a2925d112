/** Limits and safe defaults of one HTTP server; each part is optional and falls back to `DEFAULT_HARDENING`. */
export interface HardeningOptions {
  readonly timeouts: {
    /** Whole request (headers and body) must arrive within this. */
    readonly requestMs: number;
    /** A socket silent for this long is closed. */
    readonly connectionMs: number;
    /** An idle keep-alive connection is closed after this. */
    readonly keepAliveMs: number;
    /** The request headers must arrive within this. */
    readonly headersMs: number;
  };
  /** Requests per window and caller; `max: 0` turns the limit off. */
  readonly rateLimit: { readonly max: number; readonly windowMs: number };
  /** Browser origins allowed by CORS; empty turns CORS off. */
  readonly corsOrigins: readonly string[];
  /** Extra Host names accepted when the server listens on loopback only. */
  readonly allowedHosts: readonly string[];
  /** Whether the server listens on loopback only: then Host headers are checked (DNS rebinding). */
  readonly loopbackOnly: boolean;
}

/**
 * What an app gets when its builder passes no hardening (tests, stand-ins): timeouts on, no rate
 * limit, CORS off, no Host check. Services get theirs from `@mlops/config` (`http.hardening`).
 */
export const DEFAULT_HARDENING: HardeningOptions = {
  timeouts: { requestMs: 120_000, connectionMs: 300_000, keepAliveMs: 72_000, headersMs: 20_000 },
  rateLimit: { max: 0, windowMs: 60_000 },
  corsOrigins: [],
  allowedHosts: [],
  loopbackOnly: false,
};

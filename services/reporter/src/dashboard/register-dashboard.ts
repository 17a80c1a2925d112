import fastifyCookie from '@fastify/cookie';
import { dashboardAssetsDir } from '@mlops/dashboard';
import type { HttpApp, KeyVerifier } from '@mlops/http';
import { registerSessionRoutes } from './session.routes.js';
import { registerStaticDashboard } from './static-dashboard.js';
import { registerUiProxy, type UiUpstreams } from './ui-proxy.route.js';

/** What serving the dashboard needs. */
export interface DashboardDeps {
  /** Checks the key a person signs in with (feature-store's introspection, cached). */
  readonly verifier: KeyVerifier;
  readonly upstreams: UiUpstreams;
  readonly secureCookie: boolean;
  /** The built assets (default: @mlops/dashboard's dist). */
  readonly assetsDir?: string;
}

/**
 * The dashboard on the reporter: its static pages at `/`, sign-in as a backend-for-frontend
 * (`/ui/session`, the key in an HttpOnly cookie) and the proxy `/ui/api/<service>/...` to the services.
 */
export async function registerDashboard(app: HttpApp, deps: DashboardDeps): Promise<void> {
  await app.register(fastifyCookie);
  registerSessionRoutes(app, { verifier: deps.verifier, secureCookie: deps.secureCookie });
  await registerUiProxy(app, deps.upstreams);
  await registerStaticDashboard(app, deps.assetsDir ?? dashboardAssetsDir);
}

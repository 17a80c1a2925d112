import type { HttpApp } from '@mlops/http';
import { Registry } from 'prom-client';

/**
 * The app's own Prometheus registry, which libs/http's metrics plugin decorates the app with as
 * `metrics`. Read and checked at run time: that plugin's type augmentation of fastify is not in
 * libs/http's built declarations, so `app.metrics` does not type-check in a `tsc -b` build.
 */
export function appMetricsRegistry(app: HttpApp): Registry {
  const registry: unknown = Reflect.get(app, 'metrics');
  if (!(registry instanceof Registry)) throw new Error('the app has no Prometheus registry from libs/http');
  return registry as Registry;
}

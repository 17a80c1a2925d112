import { registryRoutes } from '@mlops/contracts';
import { callerOf, registerRoute, type HttpApp } from '@mlops/http';
import { registryErrors } from '../errors.js';
import type { ModelRegistry } from './model-registry.js';
import { toModelReport } from './model-report.repository.js';
import { requireVersion } from './version-lookup.js';

const routes = registryRoutes.reports;

/** `/v1/models/{name}/versions/{version}/report`: the PDF report bound to a version (recorded by the reporter). */
export function registerReportRoutes(app: HttpApp, registry: ModelRegistry): void {
  registerRoute(app, routes.get, async (request) => {
    const { name, version } = request.params;
    await requireVersion(registry, name, version);
    const report = await registry.reports.find(name, version);
    if (!report) throw registryErrors.reportNotFound(`version ${version} of ${name} has no report recorded yet`);
    return toModelReport(report);
  });

  registerRoute(app, routes.record, async (request) => {
    const { name, version } = request.params;
    await requireVersion(registry, name, version);
    return toModelReport(await registry.reports.record(name, version, request.body, callerOf(request).owner));
  });
}

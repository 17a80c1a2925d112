import { registryRoutes, reporterRoutes } from '@mlops/contracts';
import { describe, expect, it } from 'vitest';
import { routeUrl } from '../web/api/route-path.js';
import { matchPath } from '../web/app/match-path.js';

describe('dashboard routing', () => {
  it('matches page patterns and decodes their parameters; other shapes do not match', () => {
    expect(matchPath('/models/:name', '/models/news%20topics')).toEqual({ name: 'news topics' });
    expect(matchPath('/models/:name/compare/:base/:candidate', '/models/m/compare/1/3/')).toEqual({
      name: 'm',
      base: '1',
      candidate: '3',
    });
    expect(matchPath('/models/:name', '/models')).toBeUndefined();
    expect(matchPath('/models', '/runs')).toBeUndefined();
    expect(matchPath('/models/:name', '/models/a/b')).toBeUndefined();
  });

  it("builds a route's proxy URL from its descriptor: service prefix, encoded params, query with arrays", () => {
    expect(routeUrl(registryRoutes.aliases.history, { name: 'a b', alias: 'production' }, { limit: 50 })).toBe(
      '/ui/api/dl-trainer/v1/models/a%20b/aliases/production/history?limit=50',
    );
    expect(routeUrl(reporterRoutes.compare, {}, { model: 'm', a: 1, b: 2, skip: undefined })).toBe(
      '/ui/api/reporter/v1/reports/compare.pdf?model=m&a=1&b=2',
    );
    expect(routeUrl(registryRoutes.versions.file, { name: 'm', version: 2, '*': 'vocab/words list.txt' })).toBe(
      '/ui/api/dl-trainer/v1/models/m/versions/2/files/vocab/words%20list.txt',
    );
    expect(() => routeUrl(registryRoutes.models.get, {})).toThrow(/name/);
  });
});

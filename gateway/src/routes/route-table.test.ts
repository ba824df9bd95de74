import { findUpstreamRoute, ROUTE_TABLE, type ServiceName } from './route-table';

describe('findUpstreamRoute', () => {
  it.each<[string, ServiceName]>([
    ['/api/v1/search', 'search'],
    ['/api/v1/search/', 'search'],
    ['/api/v1/scholarships/abc', 'catalog'],
    ['/api/v1/admin/scholarships', 'catalog'],
    ['/api/v1/me/interactions', 'catalog'],
    ['/api/v1/me/saved/abc/extra', 'catalog'],
    ['/api/v1/eligibility/abc', 'eligibility'],
    ['/api/v1/me/profile', 'eligibility'],
    ['/api/v1/me/matches', 'eligibility'],
  ])('routes %s to %s', (path, service) => {
    expect(findUpstreamRoute(path)?.service).toBe(service);
  });

  it.each(['/api/v1/searches', '/api/v1/me', '/api/v1/me/profiles', '/API/v1/search', '/'])(
    'finds no service for %s',
    (path) => {
      expect(findUpstreamRoute(path)).toBeUndefined();
    },
  );
});

describe('ROUTE_TABLE', () => {
  it('keeps every template under its prefix', () => {
    for (const route of ROUTE_TABLE) {
      for (const template of route.templates) {
        expect(findUpstreamRoute(template)).toBe(route);
      }
    }
  });

  it('lists each prefix once', () => {
    const prefixes = ROUTE_TABLE.map((route) => route.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });
});

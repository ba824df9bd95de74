export const SERVICE_NAMES = ['search', 'catalog', 'eligibility'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/**
 * A public path prefix, the service that owns every path under it, and its metric route templates.
 */
export interface UpstreamRoute {
  prefix: string;
  service: ServiceName;
  /**
   * Express path patterns used as the `route` metric label. A proxied path that matches none of
   * them is still forwarded, but is labelled with the shared unmatched route.
   */
  templates: readonly string[];
}

// NOTE: the templates follow the planned service APIs. Add a template here when a service adds a
// route, or its requests are labelled as unmatched.
export const ROUTE_TABLE: readonly UpstreamRoute[] = [
  {
    prefix: '/api/v1/search',
    service: 'search',
    templates: ['/api/v1/search', '/api/v1/search/suggest'],
  },
  {
    prefix: '/api/v1/scholarships',
    service: 'catalog',
    templates: ['/api/v1/scholarships', '/api/v1/scholarships/:id'],
  },
  {
    prefix: '/api/v1/admin/scholarships',
    service: 'catalog',
    templates: ['/api/v1/admin/scholarships', '/api/v1/admin/scholarships/:id'],
  },
  {
    prefix: '/api/v1/me/interactions',
    service: 'catalog',
    templates: ['/api/v1/me/interactions'],
  },
  {
    prefix: '/api/v1/me/saved',
    service: 'catalog',
    templates: ['/api/v1/me/saved', '/api/v1/me/saved/:scholarshipId'],
  },
  {
    prefix: '/api/v1/eligibility',
    service: 'eligibility',
    templates: ['/api/v1/eligibility/check', '/api/v1/eligibility/analysis'],
  },
  { prefix: '/api/v1/me/profile', service: 'eligibility', templates: ['/api/v1/me/profile'] },
  { prefix: '/api/v1/me/matches', service: 'eligibility', templates: ['/api/v1/me/matches'] },
];

/** Longest prefix first, so a nested prefix would win over the one containing it. */
const ROUTES_BY_PREFIX_LENGTH = [...ROUTE_TABLE].sort(
  (left, right) => right.prefix.length - left.prefix.length,
);

/**
 * Finds the route owning `path`, matching whole segments and case-sensitively, so
 * `/api/v1/searches` does not belong to `/api/v1/search`.
 */
export function findUpstreamRoute(path: string): UpstreamRoute | undefined {
  return ROUTES_BY_PREFIX_LENGTH.find(
    (route) => path === route.prefix || path.startsWith(`${route.prefix}/`),
  );
}

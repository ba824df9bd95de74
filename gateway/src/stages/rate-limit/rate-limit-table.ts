/** A budget of quota units per client and window, as in the `RateLimit-Policy` field. */
export interface RateLimitPolicy {
  /** Policy name sent in the RateLimit fields, e.g. `default`. */
  name: string;
  /** Quota units a client may spend per window. */
  quota: number;
  windowSeconds: number;
}

/** Cost of one kind of request, and the policy whose budget it spends. */
export interface RateLimitRoute {
  /** Name used to override the route in `RATE_LIMIT_ROUTES`, e.g. `eligibility-check`. */
  name: string;
  /** Path prefix matched on whole segments; `/` matches every path. */
  prefix: string;
  /** Methods the route applies to; undefined means every method. */
  methods?: readonly string[];
  /** Quota units one request spends. */
  cost: number;
  policy: string;
}

export interface RateLimitTable {
  policies: readonly RateLimitPolicy[];
  /** Checked in order; the first route whose prefix and method match applies. */
  routes: readonly RateLimitRoute[];
}

const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Defaults: one budget of 600 units per minute per client. An eligibility check scores every
 * scholarship against a profile and costs 10, a search runs a ranked full-text query and costs 2,
 * and a lookup by id costs 1.
 */
export const DEFAULT_RATE_LIMIT_TABLE: RateLimitTable = {
  policies: [{ name: 'default', quota: 600, windowSeconds: 60 }],
  routes: [
    {
      name: 'eligibility-check',
      prefix: '/api/v1/eligibility',
      methods: ['POST'],
      cost: 10,
      policy: 'default',
    },
    { name: 'eligibility-read', prefix: '/api/v1/eligibility', cost: 2, policy: 'default' },
    { name: 'search', prefix: '/api/v1/search', cost: 2, policy: 'default' },
    { name: 'scholarship', prefix: '/api/v1/scholarships', cost: 1, policy: 'default' },
    { name: 'me-write', prefix: '/api/v1/me', methods: WRITE_METHODS, cost: 2, policy: 'default' },
    { name: 'me-read', prefix: '/api/v1/me', cost: 1, policy: 'default' },
    {
      name: 'admin-write',
      prefix: '/api/v1/admin',
      methods: WRITE_METHODS,
      cost: 5,
      policy: 'default',
    },
    { name: 'admin-read', prefix: '/api/v1/admin', cost: 1, policy: 'default' },
    { name: 'other', prefix: '/', cost: 1, policy: 'default' },
  ],
};

/**
 * Applies `RATE_LIMIT_POLICIES` (`name=quota/windowSeconds`, comma-separated; new names add
 * policies) and `RATE_LIMIT_ROUTES` (`route=cost` or `route=cost@policy`) to `base`. Throws an
 * Error naming the first invalid item.
 */
export function applyRateLimitOverrides(
  base: RateLimitTable,
  policyItems: readonly string[],
  routeItems: readonly string[],
): RateLimitTable {
  const policies = new Map(base.policies.map((policy) => [policy.name, policy]));
  for (const item of policyItems) {
    const policy = parsePolicy(item);
    policies.set(policy.name, policy);
  }
  const routes = base.routes.map((route) => ({ ...route }));
  for (const item of routeItems) {
    const override = parseRouteOverride(item);
    const route = routes.find((candidate) => candidate.name === override.name);
    if (route === undefined) {
      const names = routes.map((candidate) => candidate.name).join(', ');
      throw new Error(`route "${override.name}" in "${item}" is not one of ${names}`);
    }
    route.cost = override.cost;
    if (override.policy !== undefined) route.policy = override.policy;
  }
  const table = { policies: [...policies.values()], routes };
  checkTable(table);
  return table;
}

/** Parses `RATE_LIMIT_POLICIES` items alone; throws an Error naming the first invalid item. */
export function parseRateLimitPolicies(items: readonly string[]): RateLimitPolicy[] {
  return items.map(parsePolicy);
}

function parsePolicy(item: string): RateLimitPolicy {
  const match = /^([a-z][a-z0-9-]*)=(\d+)\/(\d+)$/.exec(item);
  if (match === null) {
    throw new Error(`"${item}" is not name=quota/windowSeconds, e.g. default=600/60`);
  }
  const [, name = '', quota, windowSeconds] = match;
  const policy = { name, quota: Number(quota), windowSeconds: Number(windowSeconds) };
  if (policy.quota < 1 || policy.windowSeconds < 1) {
    throw new Error(`"${item}" needs a quota and a window of at least 1`);
  }
  return policy;
}

function parseRouteOverride(item: string): { name: string; cost: number; policy?: string } {
  const match = /^([a-z][a-z0-9-]*)=(\d+)(?:@([a-z][a-z0-9-]*))?$/.exec(item);
  if (match === null) {
    throw new Error(`"${item}" is not route=cost or route=cost@policy, e.g. search=2`);
  }
  const [, name = '', cost, policy] = match;
  return policy === undefined ? { name, cost: Number(cost) } : { name, cost: Number(cost), policy };
}

/** Every route must name a known policy, and one request must fit in its policy's quota. */
function checkTable(table: RateLimitTable): void {
  for (const route of table.routes) {
    const policy = table.policies.find((candidate) => candidate.name === route.policy);
    if (policy === undefined) {
      throw new Error(`route "${route.name}" uses policy "${route.policy}", which is not defined`);
    }
    if (route.cost < 1 || route.cost > policy.quota) {
      throw new Error(
        `route "${route.name}" costs ${route.cost}, which must be from 1 to the quota ` +
          `${policy.quota} of policy "${policy.name}"`,
      );
    }
  }
}

/** Returns whether `route` applies to `method` and `path`; prefixes match whole segments. */
export function routeMatches(route: RateLimitRoute, method: string, path: string): boolean {
  if (route.methods !== undefined && !route.methods.includes(method)) return false;
  return route.prefix === '/' || path === route.prefix || path.startsWith(`${route.prefix}/`);
}

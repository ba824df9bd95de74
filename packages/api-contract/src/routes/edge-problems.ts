import type { ProblemStatus, RouteAccess } from './route-definition';

type Problems = Partial<Record<ProblemStatus, string>>;

/** Problems that the gateway's edge stages and the proxy can return on every route. */
const EVERY_ROUTE: Problems = {
  403: 'The web application firewall matched a rule; the `code` names it',
  429: 'The client exceeded its rate limit; `Retry-After` gives the seconds to wait',
  503: 'The owning service or its database is unavailable; `Retry-After` gives the seconds to wait',
};

const SIGNED_IN: Problems = {
  401: 'The bearer token is missing, malformed, expired or not valid for this API',
};

const ADMIN: Problems = {
  ...SIGNED_IN,
  403: 'The token lacks the admin role, or the web application firewall matched a rule',
};

const BY_ACCESS: Readonly<Record<RouteAccess, Problems>> = {
  public: {},
  user: SIGNED_IN,
  admin: ADMIN,
};

/** Merges the edge problems of a route with `access` and the route's own problems, which win. */
export function edgeProblems(access: RouteAccess, own: Problems): Problems {
  return { ...EVERY_ROUTE, ...BY_ACCESS[access], ...own };
}

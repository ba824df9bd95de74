import type { ProblemStatus, RouteAccess } from './route-definition';

type Problems = Partial<Record<ProblemStatus, string>>;

/**
 * Problems that the gateway's edge stages and the proxy can return on every route. The firewall
 * checks its size limits and a body's media type before the route is matched.
 */
const EVERY_ROUTE: Problems = {
  403: 'The web application firewall matched a rule; the `code` names it',
  408: 'The request headers (10 s by default) or the whole request (30 s) did not arrive in time; the connection is closed',
  413: 'The body is larger than the gateway (`WAF_MAX_BODY_BYTES`) or the service accepts, 100 KiB by default',
  414: 'The path and query are longer than the gateway accepts (4 KiB by default)',
  415: "A body was sent in a media type other than the route's (JSON, and a merge patch where the route takes one), or compressed",
  429: 'The client exceeded its rate limit; `Retry-After` gives the seconds to wait',
  431: 'The header fields are larger than the gateway accepts (8 KiB by default), or more than 100 lines',
};

/** Problems of a route that the gateway forwards to the service that owns it. */
const FORWARDED: Problems = {
  502: 'The owning service closed the connection or sent a response that is not valid HTTP',
  503: 'The owning service or its database is unavailable; `Retry-After` gives the seconds to wait',
  504: 'The owning service did not respond within the gateway upstream timeout, 5 s by default',
};

const SIGNED_IN: Problems = {
  401: 'The bearer token is missing, malformed, expired or not valid for this API',
};

/** Public routes serve requests without a token, but reject a token that is sent and invalid. */
const PUBLIC: Problems = {
  401: 'A bearer token was sent and is malformed, expired or not valid for this API',
};

const ADMIN: Problems = {
  ...SIGNED_IN,
  403: 'The token lacks the admin role, or the web application firewall matched a rule',
};

const BY_ACCESS: Readonly<Record<RouteAccess, Problems>> = {
  public: PUBLIC,
  user: SIGNED_IN,
  admin: ADMIN,
};

/**
 * Merges the edge problems of a route with `access` and the route's own problems, which win. A
 * route that the gateway serves itself (`servedBy: 'gateway'`) has no owning service to fail.
 */
export function edgeProblems(
  access: RouteAccess,
  own: Problems,
  servedBy: 'service' | 'gateway' = 'service',
): Problems {
  const forwarded = servedBy === 'service' ? FORWARDED : {};
  return { ...EVERY_ROUTE, ...forwarded, ...BY_ACCESS[access], ...own };
}

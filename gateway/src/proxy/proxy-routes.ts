import { type RequestHandler, Router } from 'express';
import type { UpstreamBreakers } from '../breakers';
import type { GatewayMetrics } from '../metrics';
import {
  findUpstreamRoute,
  ROUTE_TABLE,
  SERVICE_NAMES,
  type ServiceName,
} from '../routes/route-table';
import { createUpstreamProxy } from './upstream-proxy';
import type { Upstreams } from './upstreams';

export interface ProxyRoutesOptions {
  upstreams: Upstreams;
  /** Deadline for each service's response headers, in milliseconds. */
  timeoutMs: number;
  metrics: GatewayMetrics;
  /** The services' circuit breakers; without them every request is forwarded. */
  breakers?: UpstreamBreakers;
}

/**
 * Forwards every path under a route-table prefix to its service. Paths that match a template are
 * routed by Express, so the metrics label them with the template. Other paths under a prefix are
 * still forwarded but carry no template, so they share the unmatched label.
 *
 * The router is mounted without a path on purpose: `app.use('/api/v1/search', proxy)` would strip
 * the prefix from `req.url`, and http-proxy builds the upstream path from `req.url`.
 */
export function createProxyRoutes(options: ProxyRoutesOptions): Router {
  const forwarders = createForwarders(options);
  // Case-sensitive like findUpstreamRoute, so a template and its prefix accept the same paths.
  const router = Router({ caseSensitive: true });

  for (const route of ROUTE_TABLE) {
    for (const template of route.templates) router.all(template, forwarders[route.service]);
  }

  router.use(function forwardByPrefix(req, res, next) {
    const route = findUpstreamRoute(req.path);
    if (route === undefined) {
      next();
      return;
    }
    return forwarders[route.service](req, res, next);
  });
  return router;
}

function createForwarders(options: ProxyRoutesOptions): Record<ServiceName, RequestHandler> {
  const entries = SERVICE_NAMES.map((service) => {
    const forwarder = createUpstreamProxy({
      upstream: options.upstreams[service],
      timeoutMs: options.timeoutMs,
      metrics: options.metrics,
      ...(options.breakers === undefined ? {} : { breakers: options.breakers }),
    });
    return [service, forwarder] as const;
  });
  return Object.fromEntries(entries) as Record<ServiceName, RequestHandler>;
}

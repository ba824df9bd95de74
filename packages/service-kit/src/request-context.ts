import { type Logger, parseTraceparent, resolveRequestId } from '@scholarships/logger';
import { type HttpMetrics, UNMATCHED_ROUTE } from '@scholarships/metrics';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import './express-types';

/** The route template Express matched, e.g. `/api/v1/scholarships/:id`, never the raw path. */
export function routeTemplate(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  if (typeof route?.path !== 'string') return UNMATCHED_ROUTE;
  return `${req.baseUrl}${route.path}`;
}

/** Probe and scrape paths: counted in metrics but not logged, since they arrive every few seconds. */
const UNLOGGED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Binds a request id and a child logger to each request, echoes the id in
 * `X-Request-Id`, and on finish records the request metrics and one log line
 * (5xx at error level, the rest at info).
 *
 * `routeOfPath` names the route of a request that no Express route matched,
 * such as one a gateway stage rejected before routing. It must return a
 * template or `UNMATCHED_ROUTE`, never the raw path, so random paths add no
 * series.
 */
export function requestContext(
  logger: Logger,
  metrics: HttpMetrics,
  routeOfPath?: (path: string) => string,
): RequestHandler {
  return function requestContextMiddleware(req: Request, res: Response, next: NextFunction) {
    const startedAt = process.hrtime.bigint();
    req.id = resolveRequestId(req.headers['x-request-id']);
    const trace = parseTraceparent(req.headers.traceparent);
    req.log = logger.child({ requestId: req.id, ...(trace ? { traceId: trace.traceId } : {}) });
    res.setHeader('X-Request-Id', req.id);

    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      const matched = routeTemplate(req);
      const route =
        matched === UNMATCHED_ROUTE && routeOfPath !== undefined ? routeOfPath(req.path) : matched;
      metrics.observe(req.method, route, res.statusCode, seconds);
      if (UNLOGGED_PATHS.has(req.path)) return;
      const ms = Math.round(seconds * 10_000) / 10;
      const line = { method: req.method, route, status: res.statusCode, ms };
      if (res.statusCode >= 500) req.log.error(line, 'request failed');
      else req.log.info(line, 'request finished');
    });
    next();
  };
}

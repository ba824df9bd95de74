import type { Registry } from '@scholarships/metrics';
import { healthRoutes } from '@scholarships/service-kit';
import { type Request, type Response, Router } from 'express';
import { collectHealthReport, type HealthReport, type HealthSources } from './health-report';

/**
 * How long one health report serves every request, in milliseconds. The route is public and
 * probes each service and the database, so a burst of requests would otherwise multiply into
 * as many probes of each.
 */
export const HEALTH_REPORT_REUSE_MS = 1000;

export interface HealthRoutesOptions extends HealthSources {
  registry: Registry;
  /** Returns whether the client of `req` may read `/metrics`; others get an unknown path's 404. */
  allowsMetrics: (req: Request) => boolean;
}

/**
 * Creates `GET /healthz` (the process runs), `GET /readyz` (the gateway accepts traffic, whatever
 * the services' state), `GET /metrics` for the clients `allowsMetrics` accepts, and
 * `GET /api/v1/health` (a report on the gateway, each service and the database).
 */
export function createHealthRoutes(options: HealthRoutesOptions): Router {
  const currentReport = sharedReport(() => collectHealthReport(options));
  const router = Router();
  // Leaving the router sends the request on through the pipeline, as if there were no such path.
  router.use('/metrics', function hideMetrics(req: Request, _res: Response, next) {
    next(options.allowsMetrics(req) ? undefined : 'router');
  });
  // Readiness has no checks, so it covers the gateway alone. Were it to follow the services, one
  // service down would take every replica out of rotation, stale cache entries included.
  router.use(healthRoutes(options.registry, []));
  router.get('/api/v1/health', async function sendHealthReport(_req: Request, res: Response) {
    const report = await currentReport();
    res.setHeader('Cache-Control', 'no-store');
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  });
  return router;
}

/** Returns the report collected in the last `HEALTH_REPORT_REUSE_MS`, or collects a new one. */
function sharedReport(collect: () => Promise<HealthReport>): () => Promise<HealthReport> {
  let latest: { startedAt: number; report: Promise<HealthReport> } | undefined;
  return () => {
    const now = Date.now();
    if (latest !== undefined && now - latest.startedAt < HEALTH_REPORT_REUSE_MS) {
      return latest.report;
    }
    const report = collect();
    const entry = { startedAt: now, report };
    latest = entry;
    report.catch(() => {
      if (latest === entry) latest = undefined;
    });
    return report;
  };
}

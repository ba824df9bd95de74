import type { Registry } from '@scholarships/metrics';
import { healthRoutes, type ReadinessCheck } from '@scholarships/service-kit';
import { type Request, type Response, Router } from 'express';
import { SERVICE_NAMES } from '../routes/route-table';
import { collectHealthReport, type HealthSources } from './health-report';

export interface HealthRoutesOptions extends HealthSources {
  registry: Registry;
}

/**
 * Creates `GET /healthz` (the process runs), `GET /readyz` (every service's `/readyz` returns
 * 200), `GET /metrics`, and `GET /api/v1/health` (a report on the gateway, each service and the
 * database).
 */
export function createHealthRoutes(options: HealthRoutesOptions): Router {
  const readiness: ReadinessCheck[] = SERVICE_NAMES.map((service) => ({
    name: service,
    check: async () => (await options.prober.probe(options.upstreams[service])).status === 'ok',
  }));

  const router = Router();
  router.use(healthRoutes(options.registry, readiness));
  router.get('/api/v1/health', async function sendHealthReport(_req: Request, res: Response) {
    const report = await collectHealthReport(options);
    res.setHeader('Cache-Control', 'no-store');
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  });
  return router;
}

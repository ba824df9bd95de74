import type { Registry } from '@scholarships/metrics';
import { type Request, type Response, Router } from 'express';

/** A named readiness check; it rejects or returns false when the dependency is not usable. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean | undefined> | boolean | undefined;
}

/** Limit for one readiness check, in milliseconds, so a hung dependency cannot hang the probe. */
const CHECK_TIMEOUT_MS = 1000;

async function runCheck(check: ReadinessCheck): Promise<'ok' | 'failed'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    const passed = await Promise.race([Promise.resolve(check.check()), timeout]);
    return passed === false ? 'failed' : 'ok';
  } catch {
    return 'failed';
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check at once and returns each outcome by name. */
export async function runReadinessChecks(
  checks: readonly ReadinessCheck[],
): Promise<{ ready: boolean; checks: Record<string, 'ok' | 'failed'> }> {
  const outcomes = await Promise.all(
    checks.map(async (check) => [check.name, await runCheck(check)] as const),
  );
  return {
    ready: outcomes.every(([, outcome]) => outcome === 'ok'),
    checks: Object.fromEntries(outcomes),
  };
}

/** `/healthz` (the process runs), `/readyz` (its dependencies answer) and `/metrics`. */
export function healthRoutes(registry: Registry, checks: readonly ReadinessCheck[]): Router {
  const router = Router();
  router.get('/healthz', (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req: Request, res: Response) => {
    const result = await runReadinessChecks(checks);
    res.status(result.ready ? 200 : 503).json({
      status: result.ready ? 'ready' : 'not ready',
      checks: result.checks,
    });
  });
  router.get('/metrics', async (_req: Request, res: Response) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}

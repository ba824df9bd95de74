import { classifyNetworkError, describeFailureReason } from '../network-failure';
import type { Upstreams } from '../proxy/upstreams';
import { SERVICE_NAMES, type ServiceName } from '../routes/route-table';
import type { DatabaseProbe } from './database-probe';
import type { CheckStatus, UpstreamProbeResult, UpstreamProber } from './upstream-probe';

export interface DatabaseHealth {
  /**
   * `unknown` when no direct check is configured and no reachable service reported its database.
   */
  status: CheckStatus | 'unknown';
  /**
   * `direct` for the gateway's own `SELECT 1`, `services` for the checks in the services' `/readyz`
   * bodies.
   */
  source: 'direct' | 'services';
  latencyMs?: number;
  error?: string;
}

/** State of the response cache: on or off, the Redis breaker, and the invalidation feed. */
export interface CacheTierHealth {
  enabled: boolean;
  redis: 'absent' | 'closed' | 'halfOpen' | 'open';
  invalidation: 'live' | 'down' | 'local';
}

/**
 * Body of `GET /api/v1/health`. Every part is always present, whatever its status, and `cache`
 * whenever the gateway has a response cache.
 */
export interface HealthReport {
  /** `ok` only when the gateway, every service and the database are `ok`; the cache never fails it. */
  status: CheckStatus;
  gateway: { status: 'ok'; uptimeSeconds: number };
  services: Record<ServiceName, UpstreamProbeResult>;
  database: DatabaseHealth;
  cache?: CacheTierHealth;
}

export interface HealthSources {
  upstreams: Upstreams;
  prober: UpstreamProber;
  databaseProbe?: DatabaseProbe;
  /** Reader of the response cache's state, absent when the gateway has no cache. */
  cacheHealth?: () => CacheTierHealth;
}

/** Probes every service and the database at once and combines the results. */
export async function collectHealthReport(sources: HealthSources): Promise<HealthReport> {
  const [services, directDatabase] = await Promise.all([
    probeServices(sources),
    sources.databaseProbe === undefined ? undefined : checkDatabase(sources.databaseProbe),
  ]);
  const database = directDatabase ?? databaseFromServices(services);
  const everyServiceOk = Object.values(services).every((service) => service.status === 'ok');
  return {
    status: everyServiceOk && database.status === 'ok' ? 'ok' : 'failed',
    gateway: { status: 'ok', uptimeSeconds: Math.round(process.uptime()) },
    services,
    database,
    ...(sources.cacheHealth === undefined ? {} : { cache: sources.cacheHealth() }),
  };
}

async function probeServices(
  sources: HealthSources,
): Promise<Record<ServiceName, UpstreamProbeResult>> {
  const entries = await Promise.all(
    SERVICE_NAMES.map(
      async (service) => [service, await sources.prober.probe(sources.upstreams[service])] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<ServiceName, UpstreamProbeResult>;
}

async function checkDatabase(probe: DatabaseProbe): Promise<DatabaseHealth> {
  const startedAt = performance.now();
  try {
    await probe.ping();
    return { status: 'ok', source: 'direct', latencyMs: elapsedMs(startedAt) };
  } catch (error) {
    const reason = describeFailureReason(classifyNetworkError(error));
    return { status: 'failed', source: 'direct', latencyMs: elapsedMs(startedAt), error: reason };
  }
}

/** Failed when any service reports a failed database, ok when at least one reports ok. */
function databaseFromServices(services: Record<ServiceName, UpstreamProbeResult>): DatabaseHealth {
  const reports = Object.values(services).flatMap((service) =>
    service.database === undefined ? [] : [service.database],
  );
  if (reports.includes('failed')) {
    return {
      status: 'failed',
      source: 'services',
      error: 'a service reported its database check failed',
    };
  }
  if (reports.length === 0) {
    return { status: 'unknown', source: 'services', error: 'no service reported a database check' };
  }
  return { status: 'ok', source: 'services' };
}

function elapsedMs(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 10) / 10;
}

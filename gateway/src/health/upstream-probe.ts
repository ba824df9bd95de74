import type { Logger } from '@scholarships/logger';
import { z } from 'zod';
import { classifyNetworkError, describeFailureReason } from '../network-failure';
import type { Upstream } from '../proxy/upstreams';
import type { ServiceName } from '../routes/route-table';
import { getJson } from './get-json';

export type CheckStatus = 'ok' | 'failed';

/** Outcome of one request to a service's `/readyz`. */
export interface UpstreamProbeResult {
  status: CheckStatus;
  latencyMs: number;
  /** Status code of the service's `/readyz`, when it returned one. */
  httpStatus?: number;
  /** Reason the probe failed, in words that contain no internal host names or addresses. */
  error?: string;
  /** The service's own database check, read from its readiness body. */
  database?: CheckStatus;
}

/**
 * Time limit for one probe, in milliseconds. It is below service-kit's 1 s limit per readiness
 * check, so a slow service is reported by this probe's own timeout rather than by that limit.
 */
export const PROBE_TIMEOUT_MS = 800;

/** The part of service-kit's `/readyz` body the gateway reads: `{"checks":{"database":"ok"}}`. */
const readinessBodySchema = z.object({
  checks: z.object({ database: z.enum(['ok', 'failed']) }),
});

/** Requests `GET /readyz` from the service and returns a failed result instead of rejecting. */
export async function probeUpstream(
  upstream: Upstream,
  timeoutMs: number,
): Promise<UpstreamProbeResult> {
  const startedAt = performance.now();
  try {
    const response = await getJson(`${upstream.origin}/readyz`, upstream.agent, timeoutMs);
    const latencyMs = elapsedMs(startedAt);
    const database = readinessBodySchema.safeParse(response.body).data?.checks.database;
    const databasePart = database === undefined ? {} : { database };
    if (response.statusCode === 200) {
      return { status: 'ok', latencyMs, httpStatus: response.statusCode, ...databasePart };
    }
    return {
      status: 'failed',
      latencyMs,
      httpStatus: response.statusCode,
      error: `readiness check returned HTTP ${response.statusCode}`,
      ...databasePart,
    };
  } catch (error) {
    const reason = describeFailureReason(classifyNetworkError(error));
    return { status: 'failed', latencyMs: elapsedMs(startedAt), error: reason };
  }
}

function elapsedMs(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 10) / 10;
}

/**
 * Probes services and logs each change of a service's readiness once, so a service that stays
 * down does not add a log line to every probe.
 */
export class UpstreamProber {
  private readonly lastStatus = new Map<ServiceName, CheckStatus>();

  constructor(
    private readonly logger: Logger,
    private readonly timeoutMs: number = PROBE_TIMEOUT_MS,
  ) {}

  async probe(upstream: Upstream): Promise<UpstreamProbeResult> {
    const result = await probeUpstream(upstream, this.timeoutMs);
    this.logChange(upstream.service, result);
    return result;
  }

  private logChange(service: ServiceName, result: UpstreamProbeResult): void {
    const previous = this.lastStatus.get(service);
    this.lastStatus.set(service, result.status);
    if (result.status === previous) return;
    if (result.status === 'failed') {
      this.logger.warn({ service, error: result.error }, 'upstream service not ready');
    } else if (previous === 'failed') {
      this.logger.info({ service }, 'upstream service ready again');
    }
  }
}

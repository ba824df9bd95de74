import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { routeLabel } from '../cache-stage';
import { findEdgeState, hasRequestBody } from '../edge';
import type { RolloutMetrics } from '../metrics';
import { VARIANTS } from './assignment';
import { clientKeyOf } from './client-key';
import { variantOf } from './request-variant';
import type { RollbackGuard } from './rollback-guard';

const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;

/**
 * Statuses of an outage: a service refused, broke or timed out. Both arms see them, and turning
 * the optimized path off cures none of them; its cache even serves stale entries meanwhile.
 */
const OUTAGE_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/**
 * Returns whether a finished request of the optimized arm counts in the guard's window: reads
 * without a body only, and no outage status, which a rollback cannot cure. A client sets how long
 * its own request body takes to arrive, and a GET may carry one too, so counting it would let one
 * client's slow bodies turn the optimized path off for everyone.
 *
 * NOTE: a client that reads its responses slowly delays their `finish` as well, for responses
 * larger than what the socket buffers take at once. That case is not excluded.
 */
export function countsForGuard(
  request: Pick<IncomingMessage, 'method' | 'headers'>,
  statusCode: number,
): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (hasRequestBody(request)) return false;
  return !OUTAGE_STATUSES.has(statusCode);
}

/**
 * Wraps the server's request handler to record, for each request that was assigned an arm, the
 * rollout metrics and, for the optimized arm, the guard's window. The time runs from the handler's
 * call to the response's `finish`, like `http_request_duration_seconds`.
 */
export function recordRolloutRequests(
  handler: RequestListener,
  metrics: RolloutMetrics,
  guard: RollbackGuard | undefined,
): RequestListener {
  const counters = new Map(
    VARIANTS.flatMap((variant) =>
      STATUS_CLASSES.map((statusClass) => [
        `${variant}:${statusClass}`,
        metrics.requests.labels({ variant, status_class: statusClass }),
      ]),
    ),
  );
  // Series by arm and route, looked up once: route labels are templates, so the set is small.
  const durations = new Map<string, ReturnType<typeof metrics.duration.labels>>();
  const durationSeries = (variant: string, route: string) => {
    const key = `${variant} ${route}`;
    let series = durations.get(key);
    if (series === undefined) {
      series = metrics.duration.labels({ variant, route });
      durations.set(key, series);
    }
    return series;
  };
  const finished = (req: IncomingMessage, res: ServerResponse, startedAt: number) => {
    const variant = variantOf(req);
    if (variant === undefined) return;
    const durationMs = performance.now() - startedAt;
    const statusClass = STATUS_CLASSES[Math.floor(res.statusCode / 100) - 1] ?? '5xx';
    counters.get(`${variant}:${statusClass}`)?.inc();
    durationSeries(variant, routeOf(req)).observe(durationMs / 1000);
    if (guard !== undefined && variant === 'optimized' && countsForGuard(req, res.statusCode)) {
      guard.record(guardClientKey(req), res.statusCode, durationMs);
    }
  };
  return function recordRolloutRequest(req: IncomingMessage, res: ServerResponse) {
    const startedAt = performance.now();
    res.on('finish', () => finished(req, res, startedAt));
    handler(req, res);
  };
}

/** Returns the client key of a request whose edge stages ran: its address, as the rollout keys it. */
function guardClientKey(req: IncomingMessage): string {
  const view = findEdgeState(req)?.view;
  return view === undefined ? 'unknown' : clientKeyOf(view);
}

function routeOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const queryStart = url.indexOf('?');
  return routeLabel(queryStart === -1 ? url : url.slice(0, queryStart));
}

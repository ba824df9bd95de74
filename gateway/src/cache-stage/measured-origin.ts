import type { FetchOrigin } from '../cache';
import type { GatewayMetrics } from '../metrics';
import { classifyNetworkError } from '../network-failure';
import { upstreamFailureStatus } from '../problems';
import type { ServiceName } from '../routes/route-table';

type UpstreamMetrics = Pick<GatewayMetrics, 'upstreamDuration' | 'upstreamFailures'>;

/**
 * Wraps a service's buffered fetch so that each call counts in the same series as a proxied
 * request: its duration by response status, and when no response arrived, the failure by reason
 * and the duration under the status that the client gets for it.
 */
export function measuredOrigin(
  fetch: FetchOrigin,
  service: ServiceName,
  metrics: UpstreamMetrics,
): FetchOrigin {
  return async (request) => {
    const startedAt = performance.now();
    const observe = (statusCode: string) =>
      metrics.upstreamDuration.observe(
        { upstream: service, status_code: statusCode },
        (performance.now() - startedAt) / 1000,
      );
    try {
      const response = await fetch(request);
      observe(String(response.status));
      return response;
    } catch (error) {
      const reason = classifyNetworkError(error);
      metrics.upstreamFailures.inc({ upstream: service, reason });
      observe(String(upstreamFailureStatus(reason)));
      throw error;
    }
  };
}

import { HttpProblem } from '@scholarships/service-kit';
import { classifyNetworkError, DeadlineExceededError } from '../../network-failure';
import { gatewayProblems } from '../../problems';

/** Returns the 503 for a request the open breaker kept from the service (RFC 9110 §15.6.4). */
export function circuitOpenProblem(service: string, retryAfterSeconds: number): HttpProblem {
  return new HttpProblem({
    status: 503,
    code: 'UPSTREAM_CIRCUIT_OPEN',
    title: 'Upstream service unavailable',
    detail:
      `The ${service} service failed repeatedly, so the gateway is not sending it requests ` +
      `for now; retry after ${retryAfterSeconds} s`,
    retryable: true,
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}

/**
 * Returns 504 when the origin request timed out, 503 when no connection was made, else 502, as
 * the proxy does.
 */
export function originErrorProblem(
  service: string,
  error: unknown,
  defaultTimeoutMs: number,
): HttpProblem {
  const reason = classifyNetworkError(error);
  if (reason === 'timeout') {
    const timeoutMs = error instanceof DeadlineExceededError ? error.timeoutMs : defaultTimeoutMs;
    return gatewayProblems.upstreamTimeout(service, timeoutMs);
  }
  return gatewayProblems.upstreamUnavailable(service, reason);
}

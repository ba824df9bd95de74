import type { HttpProblem } from '@scholarships/service-kit';
import { classifyNetworkError, DeadlineExceededError } from '../../network-failure';
import { gatewayProblems } from '../../problems';

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

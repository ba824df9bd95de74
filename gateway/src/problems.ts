import { HttpProblem } from '@scholarships/service-kit';
import {
  describeFailureReason,
  type FailureReason,
  failedBeforeConnecting,
} from './network-failure';

/**
 * Returns the response status for a request that got no service response, by failure reason.
 * When no connection was made, the service is down rather than misbehaving, so the status is 503
 * and the client may retry soon, as with an open breaker.
 */
export function upstreamFailureStatus(reason: FailureReason): number {
  if (reason === 'timeout') return 504;
  return failedBeforeConnecting(reason) ? 503 : 502;
}

/** Seconds a client waits before retrying a service that accepted no connection. */
const NOT_CONNECTED_RETRY_AFTER_SECONDS = 1;

/** Problems that only the gateway returns. The shared ones are in service-kit's `problems`. */
export const gatewayProblems = {
  /** 503 with Retry-After when no connection was made, else 502 (RFC 9110 §15.6.3, §15.6.4). */
  upstreamUnavailable: (service: string, reason: FailureReason) =>
    new HttpProblem({
      status: upstreamFailureStatus(reason),
      code: 'UPSTREAM_UNAVAILABLE',
      title: 'Upstream service unavailable',
      detail: `The ${service} service did not return a response (${describeFailureReason(reason)}); retry later`,
      retryable: true,
      ...(failedBeforeConnecting(reason)
        ? { headers: { 'Retry-After': String(NOT_CONNECTED_RETRY_AFTER_SECONDS) } }
        : {}),
    }),
  /** 503 for a request the service's open breaker kept from it (RFC 9110 §15.6.4). */
  upstreamCircuitOpen: (service: string, retryAfterSeconds: number) =>
    new HttpProblem({
      status: 503,
      code: 'UPSTREAM_CIRCUIT_OPEN',
      title: 'Upstream service unavailable',
      detail:
        `The ${service} service failed repeatedly, so the gateway is not sending it requests ` +
        `for now; retry after ${retryAfterSeconds} s`,
      retryable: true,
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
  upstreamTimeout: (service: string, timeoutMs: number) =>
    new HttpProblem({
      status: 504,
      code: 'UPSTREAM_TIMEOUT',
      title: 'Upstream service timed out',
      detail: `The ${service} service did not respond within ${timeoutMs} ms; retry later`,
      retryable: true,
    }),
  invalidPath: (reason: string) =>
    new HttpProblem({
      status: 400,
      code: 'INVALID_PATH',
      title: 'Request path is invalid',
      detail: `${reason}; percent-encode each path segment as UTF-8`,
    }),
};

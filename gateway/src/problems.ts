import { HttpProblem } from '@scholarships/service-kit';

/** Problems that only the gateway returns. The shared ones are in service-kit's `problems`. */
export const gatewayProblems = {
  upstreamUnavailable: (service: string, reason: string) =>
    new HttpProblem({
      status: 502,
      code: 'UPSTREAM_UNAVAILABLE',
      title: 'Upstream service unavailable',
      detail: `The ${service} service did not return a response (${reason}); retry later`,
      retryable: true,
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

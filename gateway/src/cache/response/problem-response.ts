import { type HttpProblem, PROBLEM_CONTENT_TYPE } from '@scholarships/service-kit';
import type { CacheRequest } from '../request/cache-request';
import { requestTarget } from '../request/cache-request';
import type { CacheResponse } from './cache-response';
import { type CacheOutcome, type CacheStatusFields, cacheHeaders } from './cache-status';

/**
 * Builds a problem response in the shape service-kit's error handler sends (RFC 9457), for the
 * lean path, which responds without Express.
 */
export function problemResponse(
  problem: HttpProblem,
  request: CacheRequest,
  outcome: CacheOutcome,
  status: CacheStatusFields,
): CacheResponse {
  const body = Buffer.from(
    JSON.stringify({
      type: 'about:blank',
      title: problem.title,
      status: problem.status,
      code: problem.code,
      ...(problem.detail === undefined ? {} : { detail: problem.detail }),
      instance: requestTarget(request),
      requestId: request.requestId ?? '',
    }),
    'utf8',
  );
  const headers: Record<string, string | string[]> = {
    ...lowerCaseHeaders(problem.headers),
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-length': String(body.length),
    'cache-control': 'no-store',
    ...cacheHeaders(outcome, status),
  };
  return { status: problem.status, headers, body, outcome };
}

function lowerCaseHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
}

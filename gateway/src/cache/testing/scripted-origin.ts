import type { OriginResponse, OriginTarget } from '../origin/origin-response';
import type { CacheRequest } from '../request/cache-request';

export type OriginReply =
  | OriginResponse
  | Error
  | (() => OriginResponse | Error | Promise<OriginResponse | Error>);

/**
 * An in-process origin for unit tests: it records each request and responds with the reply a test
 * set, a JSON body naming the request and a counter by default.
 */
export interface ScriptedOrigin {
  target: OriginTarget;
  requests: CacheRequest[];
  reply(next: OriginReply): void;
}

export function createScriptedOrigin(service = 'search'): ScriptedOrigin {
  const requests: CacheRequest[] = [];
  let next: OriginReply | undefined;
  const target: OriginTarget = {
    service,
    async fetch(request) {
      requests.push(request);
      const reply = next ?? defaultReply(request, requests.length);
      const resolved = typeof reply === 'function' ? await reply() : reply;
      if (resolved instanceof Error) throw resolved;
      return resolved;
    },
  };
  return {
    target,
    requests,
    reply(value) {
      next = value;
    },
  };
}

export function jsonResponse(
  value: unknown,
  status = 200,
  headers: Record<string, string | string[]> = {},
): OriginResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: Buffer.from(JSON.stringify(value)),
  };
}

function defaultReply(request: CacheRequest, count: number): OriginResponse {
  const response = jsonResponse({ path: request.path, query: request.query, count });
  if (request.method !== 'HEAD') return response;
  // An HTTP origin responds to HEAD with the fields GET would send, Content-Length included, and no body.
  return {
    ...response,
    headers: { ...response.headers, 'content-length': String(response.body.length) },
    body: Buffer.alloc(0),
  };
}

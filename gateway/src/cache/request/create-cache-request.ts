import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Logger } from '@scholarships/logger';
import type { CacheRequest, RequestIdentity } from './cache-request';
import { CONNECTION_REQUEST_HEADERS, UNTRUSTED_REQUEST_HEADERS } from './untrusted-headers';

export interface CacheRequestExtras {
  /** The whole body, read with `readRequestBody`, for methods that have one. */
  body?: Buffer;
  identity?: RequestIdentity;
  requestId?: string;
  log?: Logger;
  routeLabel?: string;
  chargeOrigin?: (originMs: number) => void;
}

/** Builds a CacheRequest from a raw Node request, without Express. */
export function createCacheRequest(
  message: IncomingMessage,
  extras: CacheRequestExtras = {},
): CacheRequest {
  const target = message.url ?? '/';
  const queryStart = target.indexOf('?');
  return {
    method: (message.method ?? 'GET').toUpperCase(),
    path: queryStart === -1 ? target : target.slice(0, queryStart),
    query: queryStart === -1 ? '' : target.slice(queryStart + 1),
    headers: selectRequestHeaders(message.headers),
    identity: extras.identity,
    body: extras.body,
    requestId: extras.requestId,
    ...(extras.log === undefined ? {} : { log: extras.log }),
    ...(extras.routeLabel === undefined ? {} : { routeLabel: extras.routeLabel }),
    ...(extras.chargeOrigin === undefined ? {} : { chargeOrigin: extras.chargeOrigin }),
  };
}

/** Keeps end-to-end headers and drops connection, identity and untrusted forwarding fields. */
export function selectRequestHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const named = new Set(connectionOptions(headers.connection));
  const selected: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (CONNECTION_REQUEST_HEADERS.has(name) || UNTRUSTED_REQUEST_HEADERS.has(name)) continue;
    if (named.has(name)) continue;
    selected[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return selected;
}

/** Field names listed in Connection, which are hop-by-hop too (RFC 9110 §7.6.1). */
function connectionOptions(connection: string | undefined): string[] {
  if (connection === undefined) return [];
  return connection
    .split(',')
    .map((option) => option.trim().toLowerCase())
    .filter((option) => option.length > 0);
}

import type { Logger } from '@scholarships/logger';

/** The verified identity the auth stage attached to a request. */
export interface RequestIdentity {
  userId: string;
  roles: readonly string[];
}

/**
 * A request as the cache sees it: plain data, so the lean hit path can build it from a raw
 * `http.IncomingMessage` before Express runs (see `createCacheRequest`).
 */
export interface CacheRequest {
  /** Upper-case method. */
  method: string;
  /** Path as received, still percent-encoded, without the query. */
  path: string;
  /** Query string as received, without the `?`; empty when absent. */
  query: string;
  /**
   * End-to-end request headers with lower-case names. Hop-by-hop fields, identity headers and
   * client-sent forwarding or URL-override headers are never included (see `untrusted-headers.ts`).
   */
  headers: Readonly<Record<string, string>>;
  /** Set by the auth stage after it verified a token; undefined for anonymous requests. */
  identity: RequestIdentity | undefined;
  /** The whole request body, for methods that have one. */
  body: Buffer | undefined;
  requestId: string | undefined;
  /** The request's logger; the cache's own logger is used when absent. */
  log?: Logger;
  /**
   * Metric label for requests without a cache policy, e.g. the proxy's route template. Policy
   * routes are always labelled with their template.
   */
  routeLabel?: string;
  /**
   * Charges the client for the milliseconds the origin spent on this request (see the rate limit).
   * Absent on requests no client waits for, such as background refreshes.
   */
  chargeOrigin?: (originMs: number) => void;
}

/** True when the request carries credentials: a verified identity, a bearer token or cookies. */
export function hasCredentials(request: CacheRequest): boolean {
  return (
    request.identity !== undefined ||
    request.headers.authorization !== undefined ||
    request.headers.cookie !== undefined
  );
}

/** Returns the request without its charge, for origin calls that no client waits for. */
export function withoutCharge(request: CacheRequest): CacheRequest {
  if (request.chargeOrigin === undefined) return request;
  const { chargeOrigin: _charged, ...rest } = request;
  return rest;
}

/** The request target, path and query, as sent to the origin. */
export function requestTarget(request: Pick<CacheRequest, 'path' | 'query'>): string {
  return request.query === '' ? request.path : `${request.path}?${request.query}`;
}

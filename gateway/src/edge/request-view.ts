import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/**
 * The parts of a request that the edge stages read. It is built from a plain
 * `http.IncomingMessage`, so the same stage functions serve Express and a server without it.
 */
export interface RequestView {
  /** Upper-case method as received, e.g. `GET`. */
  readonly method: string;
  /** Path as received, still percent-encoded, e.g. `/api/v1/scholarships/a%20b`. */
  readonly path: string;
  /** Query string without the leading `?`, still encoded; empty when there is none. */
  readonly rawQuery: string;
  /** Node's parsed header object: lower-case names, duplicates joined as Node joins them. */
  readonly headers: IncomingHttpHeaders;
  /** Client address after the trusted proxies are skipped; IPv4-mapped IPv6 becomes IPv4. */
  readonly clientAddress: string;
  /** Raw body bytes, set once the WAF stage has read them; undefined for requests without a body. */
  body?: Buffer;
}

/**
 * Builds the view of `req`. `clientAddress` comes from the trusted-proxy resolver. A request
 * target in absolute form (RFC 9112 §3.2.2, `GET http://host/path`) is reduced to its path and
 * query, as Express and http-proxy read it, so every stage inspects the path that gets routed.
 */
export function createRequestView(req: IncomingMessage, clientAddress: string): RequestView {
  const url = originForm(req.url ?? '/');
  const queryStart = url.indexOf('?');
  return {
    method: req.method ?? 'GET',
    path: queryStart < 0 ? url : url.slice(0, queryStart),
    rawQuery: queryStart < 0 ? '' : url.slice(queryStart + 1),
    headers: req.headers,
    clientAddress,
  };
}

/** Returns the origin form (path and query) of a request target; other forms come back as they are. */
export function originForm(target: string): string {
  if (target.startsWith('/') || target === '*') return target;
  const authorityStart = target.indexOf('://');
  if (authorityStart < 0) return target;
  const pathStart = target.indexOf('/', authorityStart + 3);
  const queryStart = target.indexOf('?', authorityStart + 3);
  if (pathStart >= 0 && (queryStart < 0 || pathStart < queryStart)) return target.slice(pathStart);
  return queryStart < 0 ? '/' : `/${target.slice(queryStart)}`;
}

/**
 * Returns whether the request is a CORS preflight (Fetch standard §3.2.2): `OPTIONS` with
 * `Origin` and `Access-Control-Request-Method`.
 */
export function isPreflight(view: RequestView): boolean {
  return (
    view.method === 'OPTIONS' &&
    view.headers.origin !== undefined &&
    view.headers['access-control-request-method'] !== undefined
  );
}

/** Returns whether the request has a body (RFC 9112 §6.3): chunked, or Content-Length above 0. */
export function hasRequestBody(view: Pick<RequestView, 'headers'>): boolean {
  if (view.headers['transfer-encoding'] !== undefined) return true;
  const length = view.headers['content-length'];
  // Content-Length is one or more digits (RFC 9110 §8.6), so `00` is a zero length as well.
  return length !== undefined && !ZERO_LENGTH.test(length);
}

const ZERO_LENGTH = /^\s*0+\s*$/;

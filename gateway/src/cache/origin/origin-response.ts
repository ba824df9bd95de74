import type { IncomingHttpHeaders } from 'node:http';
import type { CacheRequest } from '../request/cache-request';

/** An origin response read to its end. */
export interface OriginResponse {
  status: number;
  /** Headers as Node's IncomingMessage has them: lower-case names, Set-Cookie as an array. */
  headers: Readonly<IncomingHttpHeaders>;
  body: Buffer;
}

/**
 * Sends `request` to the origin and resolves with its whole response, whatever the status.
 * Rejects only when no complete response arrived: a network error, or its own deadline passing,
 * which it must enforce.
 *
 * It must build the upstream request from `request` alone: its method, path, query, headers,
 * identity and body. Forwarding other headers of the client's request would let a value that is
 * not part of the cache key change a shared entry.
 */
export type FetchOrigin = (request: CacheRequest) => Promise<OriginResponse>;

/** Destination of a request on a miss: the service, which names its breaker, and the fetch. */
export interface OriginTarget {
  service: string;
  fetch: FetchOrigin;
}

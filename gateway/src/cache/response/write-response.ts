import type { ServerResponse } from 'node:http';
import type { CacheResponse } from './cache-response';

/**
 * Writes a CacheResponse to a Node response in one call. Headers set on `res` before, such as
 * the security headers, are kept unless the response names them too.
 */
export function writeCacheResponse(res: ServerResponse, response: CacheResponse): void {
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}

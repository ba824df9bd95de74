import type { IncomingMessage } from 'node:http';
import type { Writable } from 'node:stream';

/**
 * Makes http-proxy send `body` as the request body of `req`, whose stream the WAF has already
 * read to its end.
 *
 * http-proxy 1.18.1 forwards the body with `(options.buffer || req).pipe(proxyReq)` in its web
 * stream pass. http-proxy-middleware 3 takes `buffer` only once per middleware, not per request.
 * Writing the bytes in the `proxyReq` event is too late, because that event fires when the
 * upstream socket is assigned. For a request that waited for a pooled socket, the pipe of the
 * ended stream has already ended proxyReq by then. So the request's own `pipe` is replaced, for
 * this request only, by one that writes the buffered bytes unchanged and ends the upstream
 * request.
 */
export function forwardBufferedBody(req: IncomingMessage, body: Buffer): void {
  Object.defineProperty(req, 'pipe', {
    configurable: true,
    value: function pipeBufferedBody<Destination extends Writable>(destination: Destination) {
      destination.end(body);
      return destination;
    },
  });
}

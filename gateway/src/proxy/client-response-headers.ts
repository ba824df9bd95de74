import type { IncomingMessage, ServerResponse } from 'node:http';
import { deleteHopByHopHeaders } from './hop-by-hop-headers';

/**
 * Removes the hop-by-hop fields from the service's response before http-proxy copies its headers
 * to the client, and sets the gateway's own Connection field (RFC 9110 §7.6.1).
 *
 * Connection is set explicitly because http-proxy 1.18 fills a missing one from the client's
 * request, or with `keep-alive`. That would override Node's own decision, e.g. to close after a
 * client's `Connection: close`. Deleting Keep-Alive also hides the service's timeout hint from
 * Node's agent, which is why the upstream agents set their idle timeout explicitly.
 */
export function prepareClientResponseHeaders(
  upstreamResponse: IncomingMessage,
  clientResponse: ServerResponse,
): void {
  deleteHopByHopHeaders(upstreamResponse.headers);
  upstreamResponse.headers.connection = clientResponse.shouldKeepAlive ? 'keep-alive' : 'close';
}

import type { IncomingHttpHeaders } from 'node:http';
import { nextTraceparent, parseTraceparent } from '@scholarships/logger';
import { identityHeaders } from '@scholarships/service-kit';
import type { Request } from 'express';
import { deleteIdentityHeaders, findEdgeState } from '../edge';
import { deleteHopByHopHeaders } from './hop-by-hop-headers';

/**
 * Proxy headers sent by the client. The gateway is the public edge, so any value a client sends
 * here is untrusted and is replaced by the gateway's own.
 */
const CLIENT_FORWARDING_HEADERS = [
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-forwarded-proto',
] as const;

/**
 * Builds the headers of the upstream request from the client's request: hop-by-hop fields
 * removed, and request id, trace context, forwarding fields and the verified identity set by the
 * gateway.
 */
export function buildUpstreamRequestHeaders(
  req: Request,
  identitySecret?: string,
): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = { ...req.headers };
  deleteHopByHopHeaders(headers);
  for (const name of CLIENT_FORWARDING_HEADERS) delete headers[name];

  // Expect (RFC 9110 §10.1.1) is spent on this hop: Node's server sends 100 Continue itself when no
  // checkContinue listener is set. http-proxy 1.18 also skips its proxyReq event when Expect is
  // sent.
  delete headers.expect;

  // Transfer-Encoding is hop-by-hop, but a chunked body still needs framing on the next hop
  // (RFC 9112 §6.1). Node re-chunks the body it receives when this header is set.
  if (req.headers['transfer-encoding'] !== undefined) headers['transfer-encoding'] = 'chunked';
  // Content-Length is kept even when Connection names it, because Node does not chunk a GET body.
  // Without it the service would parse the body as a second request.
  const contentLength = req.headers['content-length'];
  if (contentLength !== undefined) headers['content-length'] = contentLength;

  headers['x-request-id'] = req.id;
  // W3C Trace Context §3.2: keep the trace id and send the gateway's own span as the parent.
  const trace = parseTraceparent(req.headers.traceparent);
  headers.traceparent = nextTraceparent(trace);
  // W3C Trace Context §3.3: a tracestate that arrives without a valid traceparent is discarded.
  if (trace === undefined) delete headers.tracestate;

  // The edge stages resolved the client address through the trusted proxies (TRUST_PROXY), so
  // the service gets the client rather than a load balancer. Without them, the socket peer.
  const state = findEdgeState(req);
  const clientAddress = state?.view.clientAddress ?? req.socket.remoteAddress;
  if (clientAddress !== undefined) headers['x-forwarded-for'] = clientAddress;
  headers['x-forwarded-proto'] = req.protocol;
  if (req.headers.host !== undefined) headers['x-forwarded-host'] = req.headers.host;

  // Only the auth stage's verified identity reaches the services, never a client's own value.
  deleteIdentityHeaders(headers);
  const identity = state?.identity;
  if (identity !== undefined) {
    // http-proxy sends the client's method, which the signature covers.
    Object.assign(headers, identityHeaders(identity, identitySecret, req.method));
  }
  return headers;
}

import { sendProblem } from '@scholarships/service-kit';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { type HttpResult, isBreakerOpenError, type UpstreamBreakers } from '../breakers';
import { findEdgeState } from '../edge';
import type { GatewayMetrics } from '../metrics';
import { gatewayProblems } from '../problems';
import type { ServiceName } from '../routes/route-table';
import { forwardBufferedBody } from './buffered-body';
import { prepareClientResponseHeaders } from './client-response-headers';
import { UpstreamExchange } from './upstream-exchange';
import { buildUpstreamRequestHeaders } from './upstream-request-headers';
import type { Upstream } from './upstreams';

export interface UpstreamProxyOptions {
  upstream: Upstream;
  /**
   * Deadline for the service's response headers, and for each pause of its body while the client
   * keeps up, in milliseconds.
   */
  timeoutMs: number;
  metrics: GatewayMetrics;
  /**
   * The services' circuit breakers, shared with the response cache. Without them every request is
   * forwarded.
   */
  breakers?: UpstreamBreakers;
}

/**
 * Creates the handler that forwards a request to one service, path and query unchanged, with the
 * body streamed as received, or, when the WAF has read it, the same bytes from its buffer.
 * While the service's breaker is open, the handler sends 503 with Retry-After without trying,
 * and each forwarded exchange's outcome counts towards that breaker.
 *
 * NOTE: http-proxy 1.18 builds the upstream path with `url.parse` and a join that collapses
 * repeated slashes, so `//` becomes `/` and `\` becomes `/` before the request reaches the service.
 */
export function createUpstreamProxy(options: UpstreamProxyOptions): RequestHandler {
  const { upstream, timeoutMs, metrics, breakers } = options;
  const exchanges = new WeakMap<Request, UpstreamExchange>();

  const proxy = createProxyMiddleware<Request, Response>({
    target: upstream.origin,
    agent: upstream.agent,
    changeOrigin: true,
    // The gateway sets X-Forwarded-* itself, because http-proxy's xfwd appends to the client's
    // values.
    xfwd: false,
    proxyTimeout: timeoutMs,
    // `timeout` (the client socket's idle timeout) stays unset: when it fires before proxyTimeout,
    // Node destroys the client connection and the 504 can no longer be sent.
    on: {
      proxyReq: function onUpstreamRequest(upstreamRequest, req) {
        exchanges.get(req)?.attach(upstreamRequest);
      },
      proxyRes: function onUpstreamResponse(upstreamResponse, req, res) {
        prepareClientResponseHeaders(upstreamResponse, res);
        exchanges.get(req)?.receive(upstreamResponse);
      },
      error: function onUpstreamError(error, req, res) {
        const exchange = exchanges.get(req);
        if (exchange === undefined) {
          req.log.error({ err: error }, 'proxy error for a request without an upstream exchange');
          res.destroy();
          return;
        }
        exchange.fail(error);
      },
    },
  });

  return function forwardToUpstream(req: Request, res: Response, next: NextFunction) {
    // http-proxy copies req.headers when it creates the upstream request, so they are rewritten
    // here. Its proxyReq event is too late for that: a request that waited for a pooled socket and
    // has a body has already sent its headers by then, and setHeader throws ERR_HTTP_HEADERS_SENT.
    req.headers = buildUpstreamRequestHeaders(req, upstream.identitySecret);
    const state = findEdgeState(req);
    const body = state?.view.body;
    if (body !== undefined) forwardBufferedBody(req, body);
    const chargeOrigin = state?.chargeOrigin;
    const forward = (): Promise<HttpResult> => {
      const exchange = new UpstreamExchange(req, res, {
        service: upstream.service,
        timeoutMs,
        metrics,
        breakerHalfOpen: () => breakers?.state(upstream.service) === 'halfOpen',
        ...(chargeOrigin === undefined ? {} : { chargeOrigin }),
      });
      exchanges.set(req, exchange);
      proxy(req, res, next).catch(next);
      return exchange.outcome;
    };
    if (breakers === undefined) {
      forward();
      return;
    }
    forwardThroughBreaker(breakers, upstream.service, forward, req, res);
  };
}

/**
 * Runs `forward` through the service's breaker, or sends 503 when the breaker rejects the call.
 * opossum calls `forward` synchronously when it lets the call through, so the request is not
 * delayed.
 */
function forwardThroughBreaker(
  breakers: UpstreamBreakers,
  service: ServiceName,
  forward: () => Promise<HttpResult>,
  req: Request,
  res: Response,
): void {
  let forwarded = false;
  const call = () => {
    forwarded = true;
    return forward();
  };
  breakers.call(service, call).catch((error: unknown) => {
    // For a call that was let through, the exchange has already responded to the client.
    if (forwarded) return;
    if (!isBreakerOpenError(error)) {
      // A breaker that was shut down while the gateway stops rejects every call. Such a request
      // is forwarded as it would be without breakers.
      req.log.warn({ err: error, service }, 'upstream breaker failed; forwarding without it');
      forward();
      return;
    }
    const retryAfter = breakers.retryAfterSeconds(service);
    req.log.debug({ service }, 'upstream breaker open; responded with 503');
    sendProblem(req, res, gatewayProblems.upstreamCircuitOpen(service, retryAfter));
  });
}

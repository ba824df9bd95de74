import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { type Logger, resolveRequestId } from '@scholarships/logger';
import { type CacheRequest, type CacheResponse, createCacheRequest, hitResponse } from '../cache';
import {
  attachEdgeOutcome,
  createEdgeState,
  createRequestView,
  deleteIdentityHeaders,
  type EdgeMiddlewareOptions,
  type EdgeOutcome,
  formatServerTiming,
  joinHeaderFields,
  reportTotal,
  runEdgeStages,
} from '../edge';
import type { GatewayMetrics } from '../metrics';
import { isBaselineRequest } from '../rollout';
import { securityHeaderFields } from '../security-headers';
import type { GatewayCache } from './gateway-cache';
import { type OwnFields, sendPreparedHit } from './prepared-hit';
import { routeLabel } from './route-label';
import { isJoinedHeader, OutgoingFields, sendCacheResponseWith } from './send-cache-response';

export interface LeanPathOptions {
  /** The Express app, which serves everything the lean path does not. */
  app: RequestListener;
  gatewayCache: GatewayCache;
  /** The same stages, client address resolver and observer as the Express edge middleware. */
  edge: EdgeMiddlewareOptions;
  metrics: GatewayMetrics;
  logger: Logger;
}

/**
 * A request handler in front of Express that serves fresh cache hits of GET and HEAD requests
 * on policy routes without Express. It runs the edge stages itself, then looks the request up.
 * Anything else (a stage's rejection, a miss, a stale entry) goes to Express with the stages'
 * outcome attached, so Express applies it without running the stages again.
 */
export function createLeanPath(options: LeanPathOptions): RequestListener {
  const securityFields = securityHeaderFields().flat();
  const { app, gatewayCache } = options;
  return function serveHitOrExpress(req: IncomingMessage, res: ServerResponse) {
    if (!isLeanCandidate(req, gatewayCache)) {
      app(req, res);
      return;
    }
    serveLean(req, res, options, securityFields).catch((error: unknown) => {
      options.logger.error({ err: error }, 'cache-hit path failed; passing the request to Express');
      if (!res.headersSent) app(req, res);
    });
  };
}

function isLeanCandidate(req: IncomingMessage, gatewayCache: GatewayCache): boolean {
  const method = req.method;
  const url = req.url;
  if ((method !== 'GET' && method !== 'HEAD') || url === undefined || !url.startsWith('/')) {
    return false;
  }
  if (!gatewayCache.cache.isEnabled()) return false;
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  return gatewayCache.cache.role(method, path) === 'policy';
}

async function serveLean(
  req: IncomingMessage,
  res: ServerResponse,
  options: LeanPathOptions,
  securityFields: readonly string[],
): Promise<void> {
  const startedAt = process.hrtime.bigint();
  // The same as the pipeline's first stage: only the auth stage's identity may reach a service.
  deleteIdentityHeaders(req.headers);
  const { edge } = options;
  const clientAddress = edge.resolveClientAddress(
    req.socket.remoteAddress,
    req.headers['x-forwarded-for'],
  );
  const state = createEdgeState(req, createRequestView(req, clientAddress));
  const running = runEdgeStages(edge.selectStages(req), state, edge.observer);
  // Most requests pass every stage synchronously; awaiting a plain value would still defer.
  const outcome = running instanceof Promise ? await running : running;
  reportTotal(outcome, edge.observer);
  // Attached at once, so that Express never runs the stages again for this request, even after
  // an unexpected error below.
  attachEdgeOutcome(req, outcome);
  // The baseline arm never reads the cache; Express forwards it past the tiers.
  if (outcome.final !== undefined || isBaselineRequest(req)) {
    options.app(req, res);
    return;
  }
  const requestId = resolveRequestId(req.headers['x-request-id']);
  const request = createCacheRequest(req, {
    requestId,
    ...(state.identity === undefined ? {} : { identity: state.identity }),
  });
  const hit = await options.gatewayCache.cache.lookup(request);
  if (hit === undefined) {
    options.app(req, res);
    return;
  }
  recordFinish(req, res, options, { requestId, startedAt });
  const own = ownFields({ requestId, outcome, securityFields });
  if (isConditional(request)) {
    sendHitResponse(res, own, hitResponse(hit, request));
    return;
  }
  sendPreparedHit(req, res, own, hit);
}

interface OwnParts {
  requestId: string;
  outcome: EdgeOutcome;
  securityFields: readonly string[];
}

/** Collects the headers the Express pipeline would set before the cache stage, in its order. */
function ownFields(parts: OwnParts): OwnFields {
  const leading = ['X-Request-Id', parts.requestId, ...parts.securityFields];
  const joinable = new Map<string, string>();
  for (const [name, value] of joinHeaderFields(parts.outcome.headers)) {
    if (isJoinedHeader(name)) joinable.set(name, value);
    else leading.push(name, value);
  }
  if (parts.outcome.timings.length > 0) {
    joinable.set('server-timing', formatServerTiming(parts.outcome.timings));
  }
  return { leading, joinable };
}

/**
 * Returns whether the request carries validators, so that a 304 may apply. Such hits are rare,
 * so they take the full response path.
 */
function isConditional(request: CacheRequest): boolean {
  const { headers } = request;
  return headers['if-none-match'] !== undefined || headers['if-modified-since'] !== undefined;
}

function sendHitResponse(res: ServerResponse, own: OwnFields, response: CacheResponse): void {
  const fields = new OutgoingFields();
  for (let index = 0; index < own.leading.length; index += 2) {
    fields.set(own.leading[index] as string, own.leading[index + 1] as string);
  }
  for (const [name, value] of own.joinable) fields.set(name, value);
  sendCacheResponseWith(res, fields, response);
}

/** Records the HTTP metrics and the log line that the request-context middleware writes. */
function recordFinish(
  req: IncomingMessage,
  res: ServerResponse,
  options: LeanPathOptions,
  context: { requestId: string; startedAt: bigint },
): void {
  res.on('finish', () => {
    const seconds = Number(process.hrtime.bigint() - context.startedAt) / 1e9;
    const path = (req.url ?? '/').split('?', 1)[0] as string;
    const route = routeLabel(path);
    const method = req.method ?? 'GET';
    options.metrics.http.observe(method, route, res.statusCode, seconds);
    const ms = Math.round(seconds * 10_000) / 10;
    const line = { requestId: context.requestId, method, route, status: res.statusCode, ms };
    options.logger.info(line, 'request finished');
  });
}

import type { RequestListener } from 'node:http';
import express, { type Express } from 'express';
import { createLeanPath } from './cache-stage';
import { originForm } from './edge';
import {
  buildPipeline,
  createPipelineParts,
  type GatewayDependencies,
  type PipelineParts,
} from './pipeline';
import { recordRolloutRequests } from './rollout';

export type { GatewayDependencies } from './pipeline';

/**
 * Builds the gateway's Express app. Each app needs a fresh registry, because its metrics are
 * declared on it.
 */
export function createApp(
  deps: GatewayDependencies,
  parts: PipelineParts = createPipelineParts(deps),
): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // The gateway is the public edge: the client address is the socket's, never a header's.
  app.set('trust proxy', false);

  for (const stage of buildPipeline(deps, parts)) app.use(stage.handler);
  return app;
}

export interface GatewayHandler {
  /** The Express app alone, without the cache-hit path in front of it. */
  app: Express;
  /**
   * Request handler of the server: the cache-hit path when enabled, else the app, wrapped to
   * record each request's rollout arm in the metrics and the rollback guard.
   */
  handler: RequestListener;
  /** Metrics and edge stages shared by both. */
  parts: PipelineParts;
}

/**
 * Builds the app and, when the response cache is wired and CACHE_LEAN_PATH is on, the cache-hit
 * path in front of it, which serves fresh hits without Express.
 */
export function createGatewayHandler(deps: GatewayDependencies): GatewayHandler {
  const parts = createPipelineParts(deps);
  const app = createApp(deps, parts);
  const { rollout } = parts;
  const gatewayCache = deps.gatewayCache;
  if (gatewayCache === undefined || !deps.config.CACHE_LEAN_PATH) {
    const handler = recordRolloutRequests(app, rollout.metrics, rollout.guard);
    return { app, handler: inOriginForm(handler), parts };
  }
  const leanPath = createLeanPath({
    app,
    gatewayCache,
    edge: parts.edge,
    metrics: parts.metrics,
    logger: deps.logger,
  });
  const handler = recordRolloutRequests(leanPath, rollout.metrics, rollout.guard);
  return { app, handler: inOriginForm(handler), parts };
}

/**
 * Rewrites a request target in absolute form (RFC 9112 §3.2.2, `GET http://host/path`) to its
 * path and query before anything reads it. The host a client names there is not the gateway's
 * concern, and with it left in, the response cache keyed such requests apart from the same path
 * in origin form, out of reach of the scholarship's invalidation events.
 */
function inOriginForm(handler: RequestListener): RequestListener {
  return function serveInOriginForm(req, res) {
    const url = req.url;
    if (url !== undefined && !url.startsWith('/')) req.url = originForm(url);
    handler(req, res);
  };
}

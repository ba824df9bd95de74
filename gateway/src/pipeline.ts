import type { IncomingMessage } from 'node:http';
import type { Logger } from '@scholarships/logger';
import type { Registry } from '@scholarships/metrics';
import { errorHandler, requestContext, routeNotFound } from '@scholarships/service-kit';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { createApiDocsRoutes } from './api-docs';
import type { CacheHealth } from './cache';
import {
  createCacheAdminRoutes,
  createCacheRoutes,
  followCacheSwitch,
  type GatewayCache,
  routeLabel,
} from './cache-stage';
import { classifyGatewayError } from './classify-error';
import {
  type ClientAddressResolver,
  createClientAddressResolver,
  createMetricsAccessCheck,
} from './client-address';
import type { GatewayConfig } from './config';
import {
  type EdgeMiddlewareOptions,
  type EdgeStage,
  type EdgeStageName,
  edgeMiddleware,
  type StageObserver,
  stripIdentityHeaders,
} from './edge';
import type { DatabaseProbe } from './health/database-probe';
import type { CacheTierHealth } from './health/health-report';
import { createHealthRoutes } from './health/health-routes';
import { UpstreamProber } from './health/upstream-probe';
import { createGatewayMetrics, type GatewayMetrics } from './metrics';
import { createProxyRoutes } from './proxy/proxy-routes';
import type { Upstreams } from './proxy/upstreams';
import { createRollout, createRolloutAdminRoutes, type Rollout } from './rollout';
import { methodCheck } from './routes/method-check';
import { securityHeaders } from './security-headers';
import { createEdgeStages } from './stages';
import { createStaticAssetRoutes } from './static-assets';

/** Names of the orders in which the edge stages can run. */
export type MiddlewareOrder = 'default' | 'legacy';

/**
 * The edge stages in the order each setting runs them. `default` puts the cheapest stage first,
 * so a request that will be rejected costs as little as possible. The rate limit is one counter,
 * CORS compares one header, and auth verifies a signature at most once per token. The WAF runs
 * every rule over every value and reads the body. `legacy` is the earlier order, kept for
 * rollback and comparison.
 */
export const EDGE_STAGE_ORDERS: Readonly<Record<MiddlewareOrder, readonly EdgeStageName[]>> = {
  default: ['rate-limit', 'cors', 'auth', 'waf'],
  legacy: ['cors', 'waf', 'auth', 'rate-limit'],
};

export interface GatewayDependencies {
  config: GatewayConfig;
  logger: Logger;
  /** Registry used only by this app, because the gateway's metrics are declared on it. */
  registry: Registry;
  /** Connection pools to the services, created from the config's service URLs. */
  upstreams: Upstreams;
  /**
   * Direct database check for /api/v1/health. Without it, the services' `/readyz` bodies are used.
   */
  databaseProbe?: DatabaseProbe;
  /** Shared rate-limit counters. Without it, each replica limits on its own. */
  redis?: Redis;
  /**
   * Returns the order to run the edge stages in for every request, in place of the rollout's
   * per-request choice. Tests use it to pin an order.
   */
  middlewareOrder?: () => MiddlewareOrder;
  /**
   * Run-time switches, arm assignment and rollback guard. Without it the app creates one whose
   * switches belong to this replica, from the config's defaults.
   */
  rollout?: Rollout;
  /** Clock in milliseconds since the epoch for the local limiter and token expiry; tests set it. */
  now?: () => number;
  /**
   * The gateway's metrics, when the caller declared them on `registry` already because the
   * response cache records into them. Declared here otherwise.
   */
  metrics?: GatewayMetrics;
  /** Response cache between the edge stages and the proxy; without it every request is proxied. */
  gatewayCache?: GatewayCache;
}

export type PipelineStageName =
  | 'strip-identity'
  | 'request-context'
  | 'security-headers'
  | 'health'
  | 'static-assets'
  | 'edge-stages'
  | 'method-check'
  | 'api-docs'
  | 'rollout-admin'
  | 'cache-admin'
  | 'cache'
  | 'proxy'
  | 'not-found'
  | 'error-handler';

export interface PipelineStage {
  name: PipelineStageName;
  handler: RequestHandler | ErrorRequestHandler;
}

/**
 * Builds the gateway's middleware in the order Express runs it.
 *
 * Identity headers are stripped before anything else reads the request. Request context comes
 * next, so every response, errors included, carries X-Request-Id and is counted in the metrics.
 * Health routes come before the edge stages, so orchestrator probes are never rate-limited or
 * asked for credentials. The edge stages run in the order EDGE_STAGE_ORDERS names; the response
 * cache comes after them, so only requests they let through are served from it. The rollout and
 * cache switches come after them too, so the auth stage has already required the admin role. A
 * path of the published API under a method it does not define gets 405 before the request
 * reaches the cache or a service.
 */
export function buildPipeline(
  deps: GatewayDependencies,
  parts: PipelineParts = createPipelineParts(deps),
): PipelineStage[] {
  const { metrics } = parts;
  const prober = new UpstreamProber(deps.logger);
  const cache = deps.gatewayCache?.cache;
  const healthSources = {
    upstreams: deps.upstreams,
    prober,
    registry: deps.registry,
    ...(cache === undefined ? {} : { cacheHealth: () => cacheTierHealth(cache.health()) }),
  };
  const databasePart =
    deps.databaseProbe === undefined ? {} : { databaseProbe: deps.databaseProbe };

  return [
    { name: 'strip-identity', handler: stripIdentityHeaders() },
    // A request an edge stage rejects matches no Express route; it is labelled by the route table.
    {
      name: 'request-context',
      handler: requestContext(deps.logger, metrics.http, routeLabel),
    },
    { name: 'security-headers', handler: securityHeaders() },
    {
      name: 'health',
      handler: createHealthRoutes({
        ...healthSources,
        ...databasePart,
        allowsMetrics: metricsAccessOf(deps.config, parts.edge.resolveClientAddress),
      }),
    },
    // The web app's files are public and the same for every client, so they come before the edge
    // stages: auth and the WAF have no input of the client's to check, and page loads do not spend
    // the client's API rate budget. Only `/`, `/index.html` and `/assets/<name>` are served here.
    {
      name: 'static-assets',
      handler: createStaticAssetRoutes({
        directory: deps.config.WEB_ASSETS_DIR,
        apiBaseUrl: deps.config.WEB_API_BASE_URL,
        logger: deps.logger,
      }),
    },
    { name: 'edge-stages', handler: edgeMiddleware(parts.edge) },
    { name: 'method-check', handler: methodCheck() },
    { name: 'api-docs', handler: createApiDocsRoutes() },
    { name: 'rollout-admin', handler: createRolloutAdminRoutes(parts.rollout) },
    ...cacheStages(deps.gatewayCache, parts.rollout),
    {
      name: 'proxy',
      handler: createProxyRoutes({
        upstreams: deps.upstreams,
        timeoutMs: deps.config.UPSTREAM_TIMEOUT_MS,
        metrics,
        // The cache's breakers, so a service's failures count the same on both paths.
        ...(deps.gatewayCache === undefined ? {} : { breakers: deps.gatewayCache.breakers }),
      }),
    },
    { name: 'not-found', handler: routeNotFound() },
    { name: 'error-handler', handler: errorHandler(classifyGatewayError) },
  ];
}

function cacheStages(gatewayCache: GatewayCache | undefined, rollout: Rollout): PipelineStage[] {
  if (gatewayCache === undefined) return [];
  return [
    { name: 'cache-admin', handler: createCacheAdminRoutes(gatewayCache.cache, rollout.switches) },
    { name: 'cache', handler: createCacheRoutes(gatewayCache) },
  ];
}

/** Metrics, edge stage options and rollout shared by the Express pipeline and the cache-hit path. */
export interface PipelineParts {
  metrics: GatewayMetrics;
  edge: EdgeMiddlewareOptions;
  rollout: Rollout;
}

/**
 * Declares the metrics (unless given), creates the rollout (unless given), builds the edge stages
 * once per app, and makes the response cache follow the rollout's cache switch.
 */
export function createPipelineParts(deps: GatewayDependencies): PipelineParts {
  const metrics = deps.metrics ?? createGatewayMetrics(deps.registry);
  const rollout =
    deps.rollout ??
    createRollout({
      config: deps.config,
      logger: deps.logger,
      metrics: metrics.rollout,
      ...(deps.now === undefined ? {} : { clock: deps.now }),
    });
  if (deps.gatewayCache !== undefined) followCacheSwitch(deps.gatewayCache.cache, rollout.switches);
  return { metrics, rollout, edge: createEdgeOptions(deps, metrics, rollout) };
}

function createEdgeOptions(
  deps: GatewayDependencies,
  metrics: GatewayMetrics,
  rollout: Rollout,
): EdgeMiddlewareOptions {
  const stages = createEdgeStages({
    config: deps.config,
    logger: deps.logger,
    metrics,
    redis: deps.redis,
    ...(deps.now === undefined ? {} : { now: deps.now }),
  });
  const plans = planStages(stages);
  const pinnedOrder = deps.middlewareOrder;
  return {
    // The rollout assigns each request an arm here, before any stage runs, because the arm
    // decides the order. The edge state with the client address already exists at this point.
    selectStages:
      pinnedOrder === undefined
        ? (req) => plans[rollout.selectOrder(req)]
        : () => plans[pinnedOrder()],
    resolveClientAddress: createClientAddressResolver(deps.config.TRUST_PROXY),
    observer: createStageObserver(metrics),
    warmUp() {
      for (const stage of Object.values(stages)) stage.warmUp?.();
    },
  };
}

/** Resolves each order's stage names to the stage objects once. */
function planStages(
  stages: Readonly<Record<EdgeStageName, EdgeStage>>,
): Record<MiddlewareOrder, readonly EdgeStage[]> {
  return {
    default: EDGE_STAGE_ORDERS.default.map((name) => stages[name]),
    legacy: EDGE_STAGE_ORDERS.legacy.map((name) => stages[name]),
  };
}

function createStageObserver(metrics: GatewayMetrics): StageObserver {
  const durations = {
    'rate-limit': metrics.stageDuration.labels({ stage: 'rate-limit' }),
    cors: metrics.stageDuration.labels({ stage: 'cors' }),
    auth: metrics.stageDuration.labels({ stage: 'auth' }),
    waf: metrics.stageDuration.labels({ stage: 'waf' }),
  };
  return {
    stageFinished(stage, durationMs, decision) {
      durations[stage].observe(durationMs / 1000);
      if (decision.kind === 'reject') {
        metrics.stageRejections.inc({ stage, reason: decision.reason });
      }
    },
    stagesFinished(totalMs) {
      metrics.middlewareDuration.observe(totalMs / 1000);
    },
  };
}

/**
 * Builds the check of `METRICS_ALLOWED_SUBNETS` against the client address the edge stages see,
 * so a proxy in front of the gateway does not make every client look internal.
 */
function metricsAccessOf(
  config: GatewayConfig,
  resolveClientAddress: ClientAddressResolver,
): (req: IncomingMessage) => boolean {
  const allows = createMetricsAccessCheck(config.METRICS_ALLOWED_SUBNETS);
  return (req) =>
    allows(resolveClientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for']));
}

/** Returns the cache state that the health report shows, without the instance name. */
function cacheTierHealth(health: CacheHealth): CacheTierHealth {
  return { enabled: health.enabled, redis: health.redis, invalidation: health.invalidation };
}

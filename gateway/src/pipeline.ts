import type { Logger } from '@scholarships/logger';
import type { Registry } from '@scholarships/metrics';
import { errorHandler, requestContext, routeNotFound } from '@scholarships/service-kit';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { classifyGatewayError } from './classify-error';
import type { GatewayConfig } from './config';
import type { DatabaseProbe } from './health/database-probe';
import { createHealthRoutes } from './health/health-routes';
import { UpstreamProber } from './health/upstream-probe';
import { createGatewayMetrics } from './metrics';
import { createProxyRoutes } from './proxy/proxy-routes';
import type { Upstreams } from './proxy/upstreams';
import { securityHeaders } from './security-headers';

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
}

export type PipelineStageName =
  | 'request-context'
  | 'security-headers'
  | 'health'
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
 * Request context comes first so every response, errors included, carries X-Request-Id and is
 * counted in the metrics. Health routes come before the client-facing stages, so orchestrator
 * probes are never rate-limited or asked for credentials.
 *
 * Later stages go between `health` and `proxy`, in this order: cors, rate-limit, waf, auth,
 * response-cache.
 */
export function buildPipeline(deps: GatewayDependencies): PipelineStage[] {
  const metrics = createGatewayMetrics(deps.registry);
  const prober = new UpstreamProber(deps.logger);
  const healthSources = { upstreams: deps.upstreams, prober, registry: deps.registry };
  const databasePart =
    deps.databaseProbe === undefined ? {} : { databaseProbe: deps.databaseProbe };

  return [
    { name: 'request-context', handler: requestContext(deps.logger, metrics.http) },
    { name: 'security-headers', handler: securityHeaders() },
    { name: 'health', handler: createHealthRoutes({ ...healthSources, ...databasePart }) },
    {
      name: 'proxy',
      handler: createProxyRoutes({
        upstreams: deps.upstreams,
        timeoutMs: deps.config.UPSTREAM_TIMEOUT_MS,
        metrics,
      }),
    },
    { name: 'not-found', handler: routeNotFound() },
    { name: 'error-handler', handler: errorHandler(classifyGatewayError) },
  ];
}

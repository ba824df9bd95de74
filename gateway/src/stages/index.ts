import type { Logger } from '@scholarships/logger';
import type { Redis } from 'ioredis';
import type { GatewayConfig } from '../config';
import type { EdgeStage, EdgeStageName } from '../edge';
import type { GatewayMetrics } from '../metrics';
import { createAuthStage, createVerificationKey, resolveJwtSettings, TokenVerifier } from './auth';
import { createCorsStage } from './cors';
import {
  applyRateLimitOverrides,
  createRateLimitStage,
  DEFAULT_RATE_LIMIT_TABLE,
} from './rate-limit';
import { createWafStage, WafEngine } from './waf';

export interface EdgeStageDependencies {
  config: GatewayConfig;
  logger: Logger;
  metrics: GatewayMetrics;
  redis: Redis | undefined;
  now?: () => number;
}

/** Limit for one JWKS fetch, in milliseconds. */
const JWKS_TIMEOUT_MS = 2_000;

/** Builds each edge stage once from the configuration. */
export function createEdgeStages(deps: EdgeStageDependencies): Record<EdgeStageName, EdgeStage> {
  const { config } = deps;
  const clock = deps.now === undefined ? {} : { now: deps.now };
  const table = applyRateLimitOverrides(
    DEFAULT_RATE_LIMIT_TABLE,
    config.RATE_LIMIT_POLICIES,
    config.RATE_LIMIT_ROUTES,
  );
  return {
    'rate-limit': createRateLimitStage({
      table,
      redis: deps.redis,
      redisTimeoutMs: config.RATE_LIMIT_REDIS_TIMEOUT_MS,
      originMsPerUnit: config.RATE_LIMIT_ORIGIN_MS_PER_UNIT,
      logger: deps.logger,
      metrics: deps.metrics,
      ...clock,
    }),
    cors: createCorsStage({
      origins: config.CORS_ORIGINS,
      credentials: config.CORS_CREDENTIALS,
      maxAgeSeconds: config.CORS_MAX_AGE_SECONDS,
    }),
    auth: createAuthStage({ verifier: createTokenVerifier(deps), metrics: deps.metrics }),
    waf: createWafStage({
      engine: new WafEngine({
        threshold: config.WAF_SCORE_THRESHOLD,
        limits: {
          maxUrlBytes: config.WAF_MAX_URL_BYTES,
          maxHeaderBytes: config.WAF_MAX_HEADER_BYTES,
          maxBodyBytes: config.WAF_MAX_BODY_BYTES,
        },
      }),
      metrics: deps.metrics,
    }),
  };
}

function createTokenVerifier(deps: EdgeStageDependencies): TokenVerifier {
  const { config } = deps;
  const settings = resolveJwtSettings(config);
  const key = createVerificationKey(settings.source, {
    logger: deps.logger,
    jwksCooldownMs: config.JWT_JWKS_COOLDOWN_SECONDS * 1000,
    jwksRefreshMs: config.JWT_JWKS_REFRESH_SECONDS * 1000,
    jwksTimeoutMs: JWKS_TIMEOUT_MS,
  });
  return new TokenVerifier({
    key,
    algorithms: settings.algorithms,
    issuer: settings.issuer,
    audience: settings.audience,
    clockSkewSeconds: settings.clockSkewSeconds,
    cacheMaxEntries: config.JWT_CACHE_MAX_ENTRIES,
    ...(deps.now === undefined ? {} : { now: deps.now }),
  });
}

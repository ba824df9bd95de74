import { env, loadConfig } from '@scholarships/config';
import { z } from 'zod';

/**
 * Base URL of a service: http only, because the upstream agents are `http.Agent`s, and without a
 * path, because the gateway forwards the public `/api/v1/...` path unchanged.
 */
function serviceUrl(defaultUrl: string) {
  return env
    .url(['http'])
    .refine(hasOriginOnly, {
      error: 'must be an origin such as http://127.0.0.1:8081, with no path',
    })
    .default(defaultUrl);
}

function hasOriginOnly(value: string): boolean {
  const url = new URL(value);
  return url.pathname === '/' && url.search === '' && url.hash === '';
}

export const gatewayConfigSchema = z.object({
  PORT: env.port(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: env.logLevel(),
  SEARCH_URL: serviceUrl('http://127.0.0.1:8081'),
  CATALOG_URL: serviceUrl('http://127.0.0.1:8082'),
  ELIGIBILITY_URL: serviceUrl('http://127.0.0.1:8083'),
  /**
   * Maximum time, in milliseconds, from forwarding a request until the service's response headers
   * arrive.
   */
  UPSTREAM_TIMEOUT_MS: env.integer(5000, { min: 1, max: 600_000 }),
  /** Maximum open connections from the gateway to each service. */
  UPSTREAM_MAX_SOCKETS: env.integer(128, { min: 1, max: 65_535 }),
  /** Parsed now so that an invalid value fails at start-up, although no stage uses Redis yet. */
  REDIS_URL: env.url(['redis', 'rediss']).optional(),
  /**
   * When set, /api/v1/health checks the database with `SELECT 1` instead of asking the services.
   */
  DATABASE_URL: env.url(['postgres', 'postgresql']).optional(),
});

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;

/** Reads the gateway's configuration and throws ConfigError naming every invalid variable. */
export function loadGatewayConfig(
  environment: Readonly<Record<string, string | undefined>>,
): Readonly<GatewayConfig> {
  return loadConfig(gatewayConfigSchema, environment);
}

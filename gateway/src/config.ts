import { env, loadConfig, MIN_IDENTITY_SECRET_BYTES, whenValid } from '@scholarships/config';
import { IDENTITY_SIGNATURE_MAX_SKEW_MS } from '@scholarships/service-kit';
import { z } from 'zod';
import { cacheConfigShape } from './cache';
import { PRIVATE_NETWORKS, parseMetricsAccess, parseTrustProxy } from './client-address';
import { rolloutConfigShape } from './rollout';
import { checkJwtConfig, DEFAULT_DEV_SECRET_FILE } from './stages/auth';
import { checkOriginEntry } from './stages/cors';
import {
  applyRateLimitOverrides,
  DEFAULT_RATE_LIMIT_TABLE,
  parseRateLimitPolicies,
} from './stages/rate-limit';
import { DEFAULT_WEB_ASSETS_DIR } from './static-assets';

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
  // A value that is no URL fails the URL check, which gives the message.
  if (!URL.canParse(value)) return true;
  const url = new URL(value);
  return url.pathname === '/' && url.search === '' && url.hash === '';
}

/** Origins allowed by default: any port on the loopback host names, for local frontends. */
export const DEFAULT_CORS_ORIGINS = 'http://localhost:*,http://127.0.0.1:*,http://[::1]:*';

/** Parses a comma-separated list, trimmed, with empty items dropped. */
function listWithDefault(defaultValue: string) {
  return z
    .string()
    .default(defaultValue)
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    );
}

/** A value that a parser function turns into a typed setting or rejects with its message. */
function parsedWith<T>(parse: (value: string) => T, defaultValue: string) {
  return z
    .string()
    .default(defaultValue)
    .transform((value, context) => {
      try {
        return parse(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    });
}

function checkEach(check: (item: string) => void) {
  return (items: readonly string[], context: z.RefinementCtx) => {
    for (const item of items) {
      try {
        check(item);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }
  };
}

const baseSchema = z.object({
  PORT: env.port(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: env.logLevel(),
  LOG_FLUSH_MS: env.logFlushMs(),
  SEARCH_URL: serviceUrl('http://127.0.0.1:8081'),
  CATALOG_URL: serviceUrl('http://127.0.0.1:8082'),
  ELIGIBILITY_URL: serviceUrl('http://127.0.0.1:8083'),
  /**
   * Maximum time, in milliseconds, from forwarding a request until the service's response headers
   * arrive. At most 60000 when INTERNAL_IDENTITY_SECRET is set.
   */
  UPSTREAM_TIMEOUT_MS: env.integer(5000, { min: 1, max: 600_000 }),
  /**
   * Maximum time from a request's first byte to the end of its headers, in milliseconds; a slower
   * client gets 408 and its connection is closed.
   */
  HEADERS_TIMEOUT_MS: env.integer(10_000, { min: 100, max: 600_000 }),
  /** Maximum time from a request's first byte to the end of its body, in milliseconds. */
  REQUEST_TIMEOUT_MS: env.integer(30_000, { min: 100, max: 600_000 }),
  /** Maximum open connections from the gateway to each service. */
  UPSTREAM_MAX_SOCKETS: env.integer(128, { min: 1, max: 65_535 }),
  /** Shared rate-limit counters; without it each replica limits on its own. */
  REDIS_URL: env.url(['redis', 'rediss']).optional(),
  /**
   * When set, /api/v1/health checks the database with `SELECT 1` instead of asking the services.
   */
  DATABASE_URL: env.url(['postgres', 'postgresql']).optional(),

  /** `default` runs rate limit, CORS, auth, WAF; `legacy` restores CORS, WAF, auth, rate limit. */
  MIDDLEWARE_ORDER: z.enum(['default', 'legacy']).default('default'),
  /** Proxies allowed to name the client in X-Forwarded-For: a hop count or CIDR list. */
  TRUST_PROXY: parsedWith(parseTrustProxy, ''),
  /** Clients that may read GET /metrics: a CIDR list, or `any`; others get 404. */
  METRICS_ALLOWED_SUBNETS: parsedWith(parseMetricsAccess, PRIVATE_NETWORKS),

  /** `name=quota/windowSeconds` items that replace or add rate-limit policies. */
  RATE_LIMIT_POLICIES: env.list(),
  /** `route=cost` or `route=cost@policy` items that change a rate-limit route. */
  RATE_LIMIT_ROUTES: env.list(),
  /** Limit for one Redis rate-limit command, in milliseconds, before the local limiter decides. */
  RATE_LIMIT_REDIS_TIMEOUT_MS: env.integer(50, { min: 1, max: 1000 }),
  /**
   * Milliseconds of service time that cost the client one more quota unit, charged after the
   * service responded. 0, the default, charges only the route cost (see the README for why).
   */
  RATE_LIMIT_ORIGIN_MS_PER_UNIT: env.integer(0, { min: 0, max: 60_000 }),

  /** Allowed browser origins: exact origins or patterns such as `https://*.example.org`. */
  CORS_ORIGINS: listWithDefault(DEFAULT_CORS_ORIGINS).superRefine(checkEach(checkOriginEntry)),
  /** Whether browsers may send credentials (cookies) with cross-origin requests. */
  CORS_CREDENTIALS: env.boolean(false),
  /** How long browsers cache a preflight result, in seconds. */
  CORS_MAX_AGE_SECONDS: env.integer(600, { min: 0, max: 86_400 }),

  JWT_ISSUER: z.string().min(1).default('scholarships-dev'),
  JWT_AUDIENCE: z.string().min(1).default('scholarships-api'),
  /** Allowed token algorithms; empty picks a default from the key source. */
  JWT_ALGORITHMS: env.list(),
  JWT_JWKS_URL: env.url(['http', 'https']).optional(),
  JWT_SECRET: z.string().optional(),
  /** PEM public key; `\n` escapes are turned into line breaks, as one-line variables need. */
  JWT_PUBLIC_KEY: z
    .string()
    .optional()
    .transform((value) => value?.replace(/\\n/g, '\n')),
  JWT_CLOCK_SKEW_SECONDS: env.integer(30, { min: 0, max: 300 }),
  /**
   * Secret shared with the services, which signs the identity headers the gateway sends them, so
   * that they serve a request without the matching signature as anonymous. Unset sends them
   * unsigned, which services without the secret accept.
   */
  INTERNAL_IDENTITY_SECRET: env.optionalSecret(MIN_IDENTITY_SECRET_BYTES),
  /** Development secret used when no key is configured; created on first use. */
  JWT_DEV_SECRET_FILE: z.string().min(1).default(DEFAULT_DEV_SECRET_FILE),
  /** Minimum time between JWKS fetches for an unknown `kid`, in seconds. */
  JWT_JWKS_COOLDOWN_SECONDS: env.integer(30, { min: 0, max: 3600 }),
  /** Time after which the JWKS is fetched again in the background, in seconds. */
  JWT_JWKS_REFRESH_SECONDS: env.integer(600, { min: 1, max: 86_400 }),
  /** Verified tokens kept in memory. */
  JWT_CACHE_MAX_ENTRIES: env.integer(10_000, { min: 1, max: 1_000_000 }),

  /**
   * Longest path and query, in bytes. A batch lookup of the most ids the catalog accepts (100
   * UUIDs) takes 3,724 bytes.
   */
  WAF_MAX_URL_BYTES: env.integer(4096, { min: 256, max: 65_536 }),
  /** Largest total of request headers, in bytes; Node.js itself stops at 16 KiB. */
  WAF_MAX_HEADER_BYTES: env.integer(8192, { min: 1024, max: 16_384 }),
  /** Largest request body, in bytes; the services accept 100 KiB. */
  WAF_MAX_BODY_BYTES: env.integer(102_400, { min: 1024, max: 10_485_760 }),
  /** Total rule score at which a request is blocked. */
  WAF_SCORE_THRESHOLD: env.integer(5, { min: 1, max: 100 }),

  /** Response cache: CACHE_ENABLED, tier sizes and Redis timeouts (see cache/README.md). */
  ...cacheConfigShape,
  /** Serves fresh cache hits of GET and HEAD before Express; `false` sends every request through it. */
  CACHE_LEAN_PATH: env.boolean(true),

  /** Rollout percentage and rollback guard (see the README, "Rollout and rollback"). */
  ...rolloutConfigShape,

  /** Build output of the web app served at `/` and `/assets/`; missing means no assets are served. */
  WEB_ASSETS_DIR: z.string().min(1).default(DEFAULT_WEB_ASSETS_DIR),
  /** Base URL the web app calls the API at, written into its `index.html`; unset means its own origin. */
  WEB_API_BASE_URL: env.url(['http', 'https']).optional(),
});

type BaseConfig = z.output<typeof baseSchema>;

function checkTimeouts(values: BaseConfig, context: z.RefinementCtx): void {
  if (values.REQUEST_TIMEOUT_MS < values.HEADERS_TIMEOUT_MS) {
    context.addIssue({
      code: 'custom',
      path: ['REQUEST_TIMEOUT_MS'],
      message: `must be at least HEADERS_TIMEOUT_MS (${values.HEADERS_TIMEOUT_MS})`,
    });
  }
}

/**
 * Rejects an upstream timeout longer than a service accepts a signed identity for. The gateway
 * signs a request before it waits for a pooled socket, and the timeout bounds that wait, so a
 * longer one would let a queued request reach the service as anonymous.
 *
 * NOTE: the limit leaves no margin for clocks that differ between the gateway's and a service's
 * host.
 */
function checkIdentityTimeout(values: BaseConfig, context: z.RefinementCtx): void {
  if (values.INTERNAL_IDENTITY_SECRET === undefined) return;
  if (values.UPSTREAM_TIMEOUT_MS > IDENTITY_SIGNATURE_MAX_SKEW_MS) {
    context.addIssue({
      code: 'custom',
      path: ['UPSTREAM_TIMEOUT_MS'],
      message: `must be at most ${IDENTITY_SIGNATURE_MAX_SKEW_MS} ms when INTERNAL_IDENTITY_SECRET is set, because services reject identity signatures older than that`,
    });
  }
}

function checkTokens(values: BaseConfig, context: z.RefinementCtx): void {
  for (const problem of checkJwtConfig(values)) {
    context.addIssue({ code: 'custom', path: [problem.variable], message: problem.message });
  }
}

function checkRateLimits(values: BaseConfig, context: z.RefinementCtx): void {
  try {
    parseRateLimitPolicies(values.RATE_LIMIT_POLICIES);
  } catch (error) {
    const message = (error as Error).message;
    context.addIssue({ code: 'custom', path: ['RATE_LIMIT_POLICIES'], message });
    return;
  }
  try {
    applyRateLimitOverrides(
      DEFAULT_RATE_LIMIT_TABLE,
      values.RATE_LIMIT_POLICIES,
      values.RATE_LIMIT_ROUTES,
    );
  } catch (error) {
    const message = (error as Error).message;
    context.addIssue({ code: 'custom', path: ['RATE_LIMIT_ROUTES'], message });
  }
}

/**
 * Adds the checks that concern several variables together. Each runs when its own variables are
 * valid, even if others are not, so that one start lists every problem.
 */
export const gatewayConfigSchema = baseSchema
  .superRefine(checkTimeouts, whenValid('HEADERS_TIMEOUT_MS', 'REQUEST_TIMEOUT_MS'))
  .superRefine(checkIdentityTimeout, whenValid('UPSTREAM_TIMEOUT_MS', 'INTERNAL_IDENTITY_SECRET'))
  .superRefine(
    checkTokens,
    whenValid('JWT_SECRET', 'JWT_PUBLIC_KEY', 'JWT_JWKS_URL', 'JWT_ALGORITHMS'),
  )
  .superRefine(checkRateLimits, whenValid('RATE_LIMIT_POLICIES', 'RATE_LIMIT_ROUTES'));

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;

/** Reads the gateway's configuration and throws ConfigError naming every invalid variable. */
export function loadGatewayConfig(
  environment: Readonly<Record<string, string | undefined>>,
): Readonly<GatewayConfig> {
  return loadConfig(gatewayConfigSchema, environment);
}

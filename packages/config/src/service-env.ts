import { z } from 'zod';
import { env } from './env-types';

/** Shortest identity secret accepted, in bytes: an HMAC-SHA256 key of full strength. */
export const MIN_IDENTITY_SECRET_BYTES = 32;

/** Environment variables every service reads, with the service's own default port. */
export function serviceEnv(defaultPort: number) {
  return z.object({
    PORT: env.port(defaultPort),
    HOST: z.string().default('127.0.0.1'),
    LOG_LEVEL: env.logLevel(),
    LOG_FLUSH_MS: env.logFlushMs(),
    DATABASE_URL: env.url(['postgres', 'postgresql']),
    DB_POOL_MIN: env.integer(2, { min: 0, max: 100 }),
    DB_POOL_MAX: env.integer(10, { min: 1, max: 200 }),
    DB_STATEMENT_TIMEOUT_MS: env.integer(5000, { min: 100, max: 600_000 }),
    DB_CONNECT_TIMEOUT_MS: env.integer(2000, { min: 100, max: 60_000 }),
    DB_PREPARED_STATEMENTS: env.boolean(true),
    /**
     * Secret shared with the gateway, which signs the identity headers with it. When set, a request
     * whose identity headers lack the matching signature is served as anonymous.
     */
    INTERNAL_IDENTITY_SECRET: env.optionalSecret(MIN_IDENTITY_SECRET_BYTES),
  });
}

export type ServiceEnv = z.output<ReturnType<typeof serviceEnv>>;

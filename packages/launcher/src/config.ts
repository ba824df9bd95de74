import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { env, MIN_IDENTITY_SECRET_BYTES } from '@scholarships/config';
import { z } from 'zod';

/** Root of the repository, from `packages/launcher/dist` or `packages/launcher/src`. */
export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The port settings, one per process the launcher starts. */
export const PORT_NAMES = [
  'GATEWAY_PORT',
  'SEARCH_PORT',
  'CATALOG_PORT',
  'ELIGIBILITY_PORT',
] as const;

export const launcherConfigSchema = z
  .object({
    /** Use this server instead of starting the embedded PostgreSQL. */
    DATABASE_URL: env.url(['postgres', 'postgresql']).optional(),
    /**
     * Passed to every process: the gateway shares its cache and rate limits there, and the
     * services publish cache invalidations there. Without it, the gateway runs in-process
     * stand-ins and invalidates only on writes that pass through it.
     */
    REDIS_URL: env.url(['redis', 'rediss']).optional(),
    /** Where the embedded PostgreSQL keeps its data and the processes their logs. */
    DATA_DIR: z.string().default(path.join(REPOSITORY_ROOT, '.data')),
    HOST: z.string().default('127.0.0.1'),
    GATEWAY_PORT: env.port(8080, { min: 1 }),
    SEARCH_PORT: env.port(8081, { min: 1 }),
    CATALOG_PORT: env.port(8082, { min: 1 }),
    ELIGIBILITY_PORT: env.port(8083, { min: 1 }),
    LOG_LEVEL: env.logLevel(),
    LOG_FLUSH_MS: env.logFlushMs(),
    /**
     * Secret with which the gateway signs the identity headers it sends the services, passed to
     * all four. Unset, each start draws a new random one, so no process outside this start can
     * claim a user to the services.
     */
    INTERNAL_IDENTITY_SECRET: env
      .optionalSecret(MIN_IDENTITY_SECRET_BYTES)
      .transform((secret) => secret ?? randomBytes(32).toString('base64url')),
    /** Seconds to wait for every process to report ready. */
    READY_TIMEOUT_SECONDS: env.integer(120, { min: 1, max: 3600 }),
  })
  .superRefine((config, context) => {
    // With two processes on one port, the second fails to listen and the first passes its checks.
    const seen = new Map<number, string>();
    for (const name of PORT_NAMES) {
      const other = seen.get(config[name]);
      if (other !== undefined) {
        context.addIssue({
          code: 'custom',
          path: [name],
          message: `must differ from ${other} (both are ${config[name]})`,
        });
      }
      seen.set(config[name], name);
    }
  });

export type LauncherConfig = z.output<typeof launcherConfigSchema>;

/** Returns `http://host:port`, with an IPv6 literal host in brackets as URLs require. */
export function httpOrigin(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

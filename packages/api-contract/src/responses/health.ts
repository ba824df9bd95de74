import { z } from 'zod';

const checkStatus = z.enum(['ok', 'failed']);

/** One service's readiness as the gateway probed it. */
export const serviceHealthSchema = z.strictObject({
  status: checkStatus,
  latencyMs: z.number().min(0),
  /** Status code of the service's `/readyz`, when it returned one. */
  httpStatus: z.int().optional(),
  /** Reason the probe failed. */
  error: z.string().optional(),
  /** The service's own database check. */
  database: checkStatus.optional(),
});

/** Report of `GET /api/v1/health`: the gateway, each service and the database. */
export const healthReportSchema = z.strictObject({
  /** `ok` only when the gateway, every service and the database are `ok`. */
  status: checkStatus,
  gateway: z.strictObject({ status: z.literal('ok'), uptimeSeconds: z.int().min(0) }),
  services: z.strictObject({
    search: serviceHealthSchema,
    catalog: serviceHealthSchema,
    eligibility: serviceHealthSchema,
  }),
  database: z.strictObject({
    /** `unknown` when no check ran and no reachable service reported its database. */
    status: z.enum(['ok', 'failed', 'unknown']),
    /** `direct` for the gateway's own query, `services` for the services' readiness checks. */
    source: z.enum(['direct', 'services']),
    latencyMs: z.number().min(0).optional(),
    error: z.string().optional(),
  }),
  /**
   * The gateway's response cache, when it has one. It never makes `status` fail, because a cache
   * whose Redis is unavailable sends requests to the services and fails none of them.
   */
  cache: z
    .strictObject({
      enabled: z.boolean(),
      /** State of the breaker around Redis: `open` skips Redis; `absent` without Redis. */
      redis: z.enum(['absent', 'closed', 'halfOpen', 'open']),
      /** `live` while the invalidation subscription runs, `local` without Redis. */
      invalidation: z.enum(['live', 'down', 'local']),
    })
    .optional(),
});

export type ServiceHealth = z.output<typeof serviceHealthSchema>;
export type HealthReport = z.output<typeof healthReportSchema>;

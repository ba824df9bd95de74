import { env, serviceEnv } from '@scholarships/config';

/**
 * The eligibility service's environment: the variables of every service,
 * plus `REDIS_URL`, where the outbox relay publishes `profile.changed`
 * events. Without it, profile writes still record their events in
 * `eligibility_outbox`, and nothing publishes them.
 */
export const eligibilityConfigSchema = serviceEnv(8083).extend({
  REDIS_URL: env.url(['redis', 'rediss']).optional(),
});

export type EligibilityConfig = ReturnType<typeof eligibilityConfigSchema.parse>;

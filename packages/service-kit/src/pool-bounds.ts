import type { ServiceEnv } from '@scholarships/config';

/**
 * Returns the configuration problems of the pool size: a minimum above the maximum, which the
 * shared schema cannot check, since each service extends it and a refinement would block that.
 */
export function poolBoundProblems(
  config: Pick<ServiceEnv, 'DB_POOL_MIN' | 'DB_POOL_MAX'>,
): string[] {
  if (config.DB_POOL_MIN <= config.DB_POOL_MAX) return [];
  return [
    `DB_POOL_MIN: must be at most DB_POOL_MAX (${config.DB_POOL_MIN} > ${config.DB_POOL_MAX})`,
  ];
}

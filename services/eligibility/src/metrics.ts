import { Counter, type Registry } from '@scholarships/metrics';

export interface EligibilityMetrics {
  /** Page rows where the match statement and the evaluators disagree, which only a bug causes. */
  rankingDisagreements: Counter;
  redisErrors: Counter;
}

const byRegistry = new WeakMap<Registry, EligibilityMetrics>();

/**
 * Declares the eligibility service's own metrics, once per registry.
 * Database, HTTP and outbox relay metrics are declared by their packages on
 * the same registry.
 */
export function eligibilityMetrics(registry: Registry): EligibilityMetrics {
  const known = byRegistry.get(registry);
  if (known) return known;
  const metrics: EligibilityMetrics = {
    rankingDisagreements: new Counter({
      name: 'eligibility_ranking_disagreements_total',
      help: 'Match page rows whose status or specificity differ between SQL and the criterion evaluators.',
      registers: [registry],
    }),
    redisErrors: new Counter({
      name: 'eligibility_redis_errors_total',
      help: 'Connection errors of the Redis client that publishes profile events.',
      registers: [registry],
    }),
  };
  byRegistry.set(registry, metrics);
  return metrics;
}

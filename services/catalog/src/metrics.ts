import { Counter, type Registry } from '@scholarships/metrics';

export interface CatalogMetrics {
  eventFlushes: Counter<'outcome'>;
  redisErrors: Counter;
  deadlinesMoved: Counter;
  deadlineRollFailures: Counter;
}

const byRegistry = new WeakMap<Registry, CatalogMetrics>();

/**
 * The catalog's own metrics, declared once per registry. Database, HTTP and
 * outbox relay metrics are declared by their packages on the same registry.
 */
export function catalogMetrics(registry: Registry): CatalogMetrics {
  const known = byRegistry.get(registry);
  if (known) return known;
  const metrics: CatalogMetrics = {
    eventFlushes: new Counter({
      name: 'catalog_event_flush_total',
      help: 'Outbox flushes after an admin write, by outcome: ok, timeout, failed, or skipped without Redis.',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    redisErrors: new Counter({
      name: 'catalog_redis_errors_total',
      help: 'Connection errors of the Redis client that publishes invalidation events.',
      registers: [registry],
    }),
    deadlinesMoved: new Counter({
      name: 'catalog_deadlines_moved_total',
      help: 'Imported deadlines that had passed and were moved to their next yearly occurrence.',
      registers: [registry],
    }),
    deadlineRollFailures: new Counter({
      name: 'catalog_deadline_roll_failures_total',
      help: 'Checks for passed deadlines that failed; the next check retries.',
      registers: [registry],
    }),
  };
  byRegistry.set(registry, metrics);
  return metrics;
}

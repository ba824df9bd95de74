import type { Pool } from 'pg';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Query latency buckets in seconds, dense below the 50 ms database objective. */
const QUERY_DURATION_BUCKETS = [
  0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5,
];

export interface DbMetrics {
  queryDuration: Histogram<'statement' | 'outcome'>;
  errors: Counter<'kind'>;
}

/** Declares the database metrics; pool gauges are read from `pool` at scrape time. */
export function createDbMetrics(registry: Registry, pool: Pool): DbMetrics {
  new Gauge({
    name: 'db_pool_connections',
    help: 'PostgreSQL pool connections by state: total, idle, and waiting requests.',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
  return {
    queryDuration: new Histogram({
      name: 'db_query_duration_seconds',
      help: 'Time to run one prepared statement, by statement name and outcome.',
      labelNames: ['statement', 'outcome'],
      buckets: QUERY_DURATION_BUCKETS,
      registers: [registry],
    }),
    errors: new Counter({
      name: 'db_errors_total',
      help: 'Database errors by kind: query, connection, idle client, or knex_connection (a Knex connection that failed).',
      labelNames: ['kind'],
      registers: [registry],
    }),
  };
}

import type { Registry } from 'prom-client';
import type { QueryListener } from './query-events';

/** The part of a pino logger the database uses; any pino logger satisfies it. */
export interface DatabaseLogger {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface DatabaseOptions {
  connectionString: string;
  /** Name shown in `pg_stat_activity`. */
  applicationName: string;
  /** Connections kept open even when idle, and opened and warmed by `warm`; default 2. */
  poolMin?: number;
  /** Upper bound of pooled connections; default 10. */
  poolMax?: number;
  /** Server-side limit per statement in milliseconds, for both pools; default 5000. */
  statementTimeoutMs?: number;
  /** Limit for opening a connection or waiting for a free one, in milliseconds; default 2000. */
  connectTimeoutMs?: number;
  /** Registry for query and pool metrics; none recorded when absent. */
  registry?: Registry;
  /** Receives connection errors and Knex warnings; they are dropped when absent. */
  logger?: DatabaseLogger;
  /** Called with errors of idle clients, e.g. a terminated backend, which would otherwise crash the process. */
  onIdleError?: (error: Error) => void;
  /** Called before each prepared statement and each Knex query runs, e.g. to count them in tests. */
  onQuery?: QueryListener;
  /**
   * Whether statements run by name, so each connection parses and plans them once; default true.
   * False sends them unnamed, parsed and planned on every run, to measure what naming saves.
   */
  preparedStatements?: boolean;
  /**
   * Whether named statements run with one generic plan from their first run
   * (`plan_cache_mode=force_generic_plan` on the statement pool), rather than
   * PostgreSQL choosing after five runs planned with their values. That choice
   * compares the generic plan's estimate with the average of those five, so it
   * depends on which values a connection happened to run first, and a statement
   * that keeps custom plans is planned again on every run. Default false; no
   * effect with `preparedStatements: false`, whose statements are unnamed.
   */
  genericPlans?: boolean;
}

/** Defaults of the numeric options, in one place so both pools agree. */
export interface PoolSettings {
  poolMin: number;
  poolMax: number;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
  /**
   * Client-side limit per query: slightly above the server's statement
   * timeout, so a silently dropped connection cannot hold a request forever.
   */
  queryTimeoutMs: number;
}

export function resolvePoolSettings(options: DatabaseOptions): PoolSettings {
  const statementTimeoutMs = options.statementTimeoutMs ?? 5000;
  return {
    poolMin: options.poolMin ?? 2,
    poolMax: options.poolMax ?? 10,
    statementTimeoutMs,
    connectTimeoutMs: options.connectTimeoutMs ?? 2000,
    queryTimeoutMs: statementTimeoutMs + 1000,
  };
}

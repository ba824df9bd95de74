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

import knexFactory, { type Knex } from 'knex';
import type pg from 'pg';
import type { DatabaseLogger, DatabaseOptions, PoolSettings } from './database-options';
import { getTypeParser } from './type-parsers';

/** Knex pool size: writes and migrations are rare next to the reads of the statement pool. */
const KNEX_POOL_MAX = 3;

export interface KnexHooks {
  /** A pooled Knex connection failed, while idle or in use. */
  onConnectionError(error: Error): void;
  /** A Knex query failed; the error is also thrown to the caller. */
  onQueryError(error: unknown): void;
}

/** The fields of Knex's `query` event this package reads. */
interface KnexQueryData {
  sql?: unknown;
}

/**
 * Opens the Knex pool for writes, transactions and migrations, with the same
 * timeouts as the statement pool. Knex 3 marks a pg connection that emits
 * `error` as disposed and drops it at the next acquire, so an idle failure
 * never reaches the process. The listener added in `afterCreate` only logs
 * and counts it.
 */
export function createKnex(
  options: DatabaseOptions,
  settings: PoolSettings,
  hooks: KnexHooks,
): Knex {
  const knex = knexFactory({
    client: 'pg',
    connection: {
      connectionString: options.connectionString,
      application_name: options.applicationName,
      connectionTimeoutMillis: settings.connectTimeoutMs,
      statement_timeout: settings.statementTimeoutMs,
      query_timeout: settings.queryTimeoutMs,
      idle_in_transaction_session_timeout: settings.statementTimeoutMs * 2,
      keepAlive: true,
      types: { getTypeParser },
    },
    pool: {
      min: 0,
      max: KNEX_POOL_MAX,
      afterCreate(connection: pg.Client, done: (error: Error | null, client: pg.Client) => void) {
        reportFirstError(connection, hooks.onConnectionError);
        done(null, connection);
      },
    },
    // Bounds both the wait for a free connection and the time to open one.
    acquireConnectionTimeout: settings.connectTimeoutMs,
    log: knexLog(options.logger),
  });
  const listener = options.onQuery;
  if (listener) {
    knex.on('query', (data: KnexQueryData) => {
      listener({ source: 'knex', name: undefined, text: String(data.sql) });
    });
  }
  knex.on('query-error', (error: unknown) => hooks.onQueryError(error));
  return knex;
}

/**
 * Reports the first `error` of a connection only. A terminated backend makes
 * pg emit `error` twice, for the server's message and for the closed socket.
 */
function reportFirstError(connection: pg.Client, report: (error: Error) => void): void {
  let reported = false;
  connection.on('error', (error: Error) => {
    if (reported) return;
    reported = true;
    report(error);
  });
}

/** Routes Knex's own warnings, e.g. about disposed connections, to the service logger instead of the console. */
function knexLog(logger: DatabaseLogger | undefined): Knex.Logger {
  const ignore = () => undefined;
  if (!logger) return { warn: ignore, error: ignore, debug: ignore, deprecate: ignore };
  return {
    warn: (message: unknown) => logger.warn({ knexMessage: String(message) }, 'knex warning'),
    error: (message: unknown) => logger.error({ knexMessage: String(message) }, 'knex error'),
    debug: ignore,
    deprecate: (method: string, alternative: string) =>
      logger.warn({ method, alternative }, 'knex deprecation'),
  };
}

import knexFactory, { type Knex } from 'knex';
import pg, { type Pool, type QueryResultRow } from 'pg';
import type { Registry } from 'prom-client';
import { isDatabaseUnavailable } from './connection-errors';
import { createDbMetrics, type DbMetrics } from './db-metrics';
import { type Statement, StatementRegistry } from './statement';

export interface DatabaseOptions {
  connectionString: string;
  /** Name shown in `pg_stat_activity`. */
  applicationName: string;
  /** Connections kept open even when idle; default 2. */
  poolMin?: number;
  /** Upper bound of pooled connections; default 10. */
  poolMax?: number;
  /** Server-side limit per statement in milliseconds; default 5000. */
  statementTimeoutMs?: number;
  /** Limit for opening a connection or waiting for a free one, in milliseconds; default 2000. */
  connectTimeoutMs?: number;
  /** Registry for query and pool metrics; none recorded when absent. */
  registry?: Registry;
  /** Called with errors of idle clients, e.g. a terminated backend, which would otherwise crash the process. */
  onIdleError?: (error: Error) => void;
}

export interface Database {
  /** Query builder and migrator; use it for writes in transactions and for building statements. */
  knex: Knex;
  pool: Pool;
  statements: StatementRegistry;
  /** Runs a named prepared statement and records its latency under its name. */
  query<Row extends QueryResultRow>(statement: Statement): Promise<Row[]>;
  /** Opens the minimum connections and runs each warm-up statement on every one of them. */
  warm(statements: readonly Statement[]): Promise<void>;
  /** Resolves when the server answers `SELECT 1`. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const TYPE_PARSERS = new Map<number, (value: string) => unknown>([
  [pg.types.builtins.DATE, (value) => value],
  [pg.types.builtins.NUMERIC, Number.parseFloat],
  [pg.types.builtins.INT8, (value) => Number.parseInt(value, 10)],
]);

/** Type parsers: dates stay `YYYY-MM-DD` strings, numerics and int8 become numbers. */
function getTypeParser(oid: number, format?: string): (value: string) => unknown {
  return (
    TYPE_PARSERS.get(oid) ?? pg.types.getTypeParser(oid, format === 'binary' ? 'binary' : 'text')
  );
}

function createTypeParsers(): pg.CustomTypesConfig {
  return { getTypeParser } as pg.CustomTypesConfig;
}

/** Opens a pool for prepared statements and a small Knex pool for writes and migrations. */
export function createDatabase(options: DatabaseOptions): Database {
  const pool = createPool(options);
  const knex = knexFactory({
    client: 'pg',
    connection: { connectionString: options.connectionString, types: { getTypeParser } },
    pool: { min: 0, max: 3 },
    acquireConnectionTimeout: options.connectTimeoutMs ?? 2000,
  });
  const metrics = options.registry ? createDbMetrics(options.registry, pool) : undefined;
  const statements = new StatementRegistry();

  pool.on('error', (error) => {
    metrics?.errors.inc({ kind: 'idle' });
    options.onIdleError?.(error);
  });

  const query = <Row extends QueryResultRow>(statement: Statement) =>
    runStatement<Row>(pool, statements, metrics, statement);

  return {
    knex,
    pool,
    statements,
    query,
    warm: (warmup) => warmPool(pool, options.poolMin ?? 2, warmup),
    ping: async () => {
      await pool.query('SELECT 1');
    },
    close: async () => {
      await Promise.allSettled([pool.end(), knex.destroy()]);
    },
  };
}

function createPool(options: DatabaseOptions): Pool {
  const statementTimeout = options.statementTimeoutMs ?? 5000;
  return new pg.Pool({
    connectionString: options.connectionString,
    application_name: options.applicationName,
    min: options.poolMin ?? 2,
    max: options.poolMax ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 2000,
    statement_timeout: statementTimeout,
    // The client gives up slightly after the server would have cancelled, so a
    // silently dropped connection cannot hold a request forever.
    query_timeout: statementTimeout + 1000,
    idle_in_transaction_session_timeout: statementTimeout * 2,
    keepAlive: true,
    types: createTypeParsers(),
  });
}

async function runStatement<Row extends QueryResultRow>(
  pool: Pool,
  statements: StatementRegistry,
  metrics: DbMetrics | undefined,
  statement: Statement,
): Promise<Row[]> {
  statements.register(statement.name, statement.text);
  const stopTimer = metrics?.queryDuration.startTimer({ statement: statement.name });
  try {
    const result = await pool.query<Row>(statement);
    stopTimer?.({ outcome: 'ok' });
    return result.rows;
  } catch (error) {
    stopTimer?.({ outcome: 'error' });
    metrics?.errors.inc({ kind: isDatabaseUnavailable(error) ? 'connection' : 'query' });
    throw error;
  }
}

async function warmPool(pool: Pool, count: number, warmup: readonly Statement[]): Promise<void> {
  const clients = await Promise.all(Array.from({ length: count }, () => pool.connect()));
  try {
    for (const client of clients) {
      for (const statement of warmup) await client.query(statement);
    }
  } finally {
    for (const client of clients) client.release();
  }
}

import type { Logger } from '@scholarships/logger';
import pg from 'pg';
import { PROBE_TIMEOUT_MS } from './upstream-probe';

/** A direct check of the database, used by /api/v1/health when DATABASE_URL is set. */
export interface DatabaseProbe {
  /** Resolves when `SELECT 1` returns within the probe timeout, and rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Opens a pool of one connection, used only for `SELECT 1`. */
export function createDatabaseProbe(connectionString: string, logger: Logger): DatabaseProbe {
  const pool = new pg.Pool({
    connectionString,
    application_name: 'gateway-health',
    max: 1,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    query_timeout: PROBE_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
  });
  // Without a listener, an error on the idle connection (e.g. a database restart) crashes the
  // process.
  pool.on('error', function onIdleConnectionError(error) {
    logger.warn(
      { err: error },
      'idle database health connection failed; the next check reconnects',
    );
  });

  return {
    ping: async () => {
      await pool.query('SELECT 1');
    },
    close: () => pool.end(),
  };
}

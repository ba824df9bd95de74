import type { Logger } from '@scholarships/logger';
import pg from 'pg';
import { withDeadline } from '../redis/deadline';
import { PROBE_TIMEOUT_MS } from './upstream-probe';

/**
 * node-postgres's own limits, kept longer than the probe's deadline as a backstop that frees the
 * connection. Its timeout errors carry no code, so a check that ended on one would be reported
 * as an unexpected error instead of a timeout.
 */
const DRIVER_TIMEOUT_MS = PROBE_TIMEOUT_MS + 500;

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
    connectionTimeoutMillis: DRIVER_TIMEOUT_MS,
    query_timeout: DRIVER_TIMEOUT_MS,
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
      await withDeadline(pool.query('SELECT 1'), PROBE_TIMEOUT_MS);
    },
    close: () => pool.end(),
  };
}

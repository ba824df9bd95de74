import {
  createDatabase,
  type Database,
  type MigrationOptions,
  migrateLatest,
} from '@scholarships/db';
import { startPostgres } from '@scholarships/local-infra';

/** Options of `openHotQueryDatabase`. */
export interface HotQueryDatabaseOptions<Loaded> {
  /** Name shown in `pg_stat_activity`. */
  applicationName: string;
  /** Server settings passed as `-c name=value`, on top of the local-infra defaults. */
  serverSettings?: Readonly<Record<string, string>>;
  /** Upper bound of pooled connections. The pool keeps one connection open. */
  poolMax: number;
  /** Server-side limit per statement in ms, which must cover the longest load statement. */
  statementTimeoutMs: number;
  /** Migrations of each service, applied in list order. */
  migrations: readonly MigrationOptions[];
  /** Loads the data set into the migrated database. */
  load(db: Database): Promise<Loaded>;
}

/** A migrated and loaded database on an ephemeral PostgreSQL of its own. */
export interface HotQueryDatabase<Loaded> {
  db: Database;
  /** The value that `load` returned. */
  loaded: Loaded;
  /** Wall-clock seconds that `load` took. */
  loadSeconds: number;
  /** Closes the pools, then stops the server, which deletes its data directory. */
  stop(): Promise<void>;
}

/**
 * Starts an ephemeral PostgreSQL on 127.0.0.1 (fsync off), applies the migrations and
 * loads the data set. If migrating or loading fails, it closes the pools and stops the
 * server, then rethrows the error.
 */
export async function openHotQueryDatabase<Loaded>(
  options: HotQueryDatabaseOptions<Loaded>,
): Promise<HotQueryDatabase<Loaded>> {
  const postgres = await startPostgres({ ephemeral: true, settings: options.serverSettings });
  const db = createDatabase({
    connectionString: postgres.connectionString,
    applicationName: options.applicationName,
    poolMin: 1,
    poolMax: options.poolMax,
    statementTimeoutMs: options.statementTimeoutMs,
  });
  const stop = async () => {
    try {
      await db.close();
    } finally {
      await postgres.stop();
    }
  };
  try {
    for (const migration of options.migrations) await migrateLatest(db.knex, migration);
    const startedAt = Date.now();
    const loaded = await options.load(db);
    return { db, loaded, loadSeconds: (Date.now() - startedAt) / 1000, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Returns the server's `server_version`, or `unknown` when the server reports none. */
export async function showServerVersion(db: Database): Promise<string> {
  const result = await db.pool.query<{ server_version: string }>('SHOW server_version');
  return result.rows[0]?.server_version ?? 'unknown';
}

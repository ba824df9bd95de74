import type { Knex } from 'knex';

/** One migration step of a service, applied in list order. */
export interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
  /** `{ transaction: false }` for steps such as `CREATE INDEX CONCURRENTLY` that cannot run in a transaction. */
  config?: { transaction?: boolean };
}

export interface MigrationOptions {
  /** Owner of the migrations; its table is `knex_migrations_<service>`. */
  service: string;
  migrations: readonly Migration[];
}

class ListMigrationSource implements Knex.MigrationSource<Migration> {
  constructor(private readonly migrations: readonly Migration[]) {}

  async getMigrations(): Promise<Migration[]> {
    return [...this.migrations];
  }

  getMigrationName(migration: Migration): string {
    return migration.name;
  }

  async getMigration(migration: Migration): Promise<Knex.Migration> {
    return migration;
  }
}

function migratorConfig({ service, migrations }: MigrationOptions): Knex.MigratorConfig {
  return {
    tableName: `knex_migrations_${service}`,
    migrationSource: new ListMigrationSource(migrations),
  };
}

/** Applies every pending migration of the service; returns the names applied. */
export async function migrateLatest(knex: Knex, options: MigrationOptions): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest(migratorConfig(options))) as [number, string[]];
  return applied;
}

/**
 * Releases the service's migration lock, which a run that was killed can leave set. Only safe
 * when no other migration run of the service is active.
 */
export async function migrateUnlock(knex: Knex, options: MigrationOptions): Promise<string[]> {
  await knex.migrate.forceFreeMigrationsLock(migratorConfig(options));
  return [];
}

/** Returns whether an error is Knex's refusal to migrate while the lock is set. */
export function isMigrationLockError(error: unknown): boolean {
  return error instanceof Error && /already locked/i.test(error.message);
}

/**
 * Reverts one applied migration of the service: `name`, or the most recent one when no name is
 * given. The migrations applied after it stay, so an index migration can be rolled back alone.
 * Returns the names reverted.
 */
export async function migrateDown(
  knex: Knex,
  options: MigrationOptions,
  name?: string,
): Promise<string[]> {
  if (name !== undefined && !options.migrations.some((migration) => migration.name === name)) {
    const known = options.migrations.map((migration) => migration.name).join(', ');
    throw new Error(`${options.service} has no migration named "${name}"; known: ${known}`);
  }
  const config =
    name === undefined ? migratorConfig(options) : { ...migratorConfig(options), name };
  const [, reverted] = (await knex.migrate.down(config)) as [number, string[]];
  return reverted;
}

/** Reverts every applied migration of the service, newest first. */
export async function migrateRollbackAll(knex: Knex, options: MigrationOptions): Promise<string[]> {
  const [, reverted] = (await knex.migrate.rollback(migratorConfig(options), true)) as [
    number,
    string[],
  ];
  return reverted;
}

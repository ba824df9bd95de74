import type { Knex } from 'knex';

/** One migration step of a service, applied in list order. */
export interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
  /** `{ transaction: false }` for steps such as `CREATE INDEX CONCURRENTLY` that cannot run in a transaction. */
  config?: { transaction?: boolean };
  /**
   * True when reverting this step alone leaves every other step's objects intact, as for an
   * index: it may then be reverted out of order, and while other services build on this one.
   */
  standalone?: boolean;
}

export interface MigrationOptions {
  /** Owner of the migrations; its table is `knex_migrations_<service>`. */
  service: string;
  migrations: readonly Migration[];
  /**
   * Services whose migrations build on this service's tables, such as columns and indexes on
   * `scholarships`. A step that is not standalone is not reverted while any of them is applied.
   */
  dependents?: readonly string[];
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
  const applied = await appliedNames(knex, options);
  const target = name ?? applied.at(-1);
  if (target !== undefined && applied.includes(target)) {
    if (target !== applied.at(-1) && !isStandalone(options, target)) {
      const later = applied.slice(applied.indexOf(target) + 1).reverse();
      throw new Error(
        `${options.service} migration ${target} has migrations applied after it, which may ` +
          `build on it; revert them first with "down", most recently applied first: ${later.join(', ')}`,
      );
    }
    await rejectWhileDependentsApplied(knex, options, [target]);
  }
  const config =
    name === undefined ? migratorConfig(options) : { ...migratorConfig(options), name };
  const [, reverted] = (await knex.migrate.down(config)) as [number, string[]];
  return reverted;
}

/** Reverts every applied migration of the service, newest first. */
export async function migrateRollbackAll(knex: Knex, options: MigrationOptions): Promise<string[]> {
  await rejectWhileDependentsApplied(knex, options, await appliedNames(knex, options));
  const [, reverted] = (await knex.migrate.rollback(migratorConfig(options), true)) as [
    number,
    string[],
  ];
  return reverted;
}

/** Returns the names of the service's applied migrations, oldest first. */
async function appliedNames(knex: Knex, options: MigrationOptions): Promise<string[]> {
  const table = migratorConfig(options).tableName as string;
  if (!(await knex.schema.hasTable(table))) return [];
  const rows: { name: string }[] = await knex(table).select('name').orderBy('id');
  return rows.map((row) => row.name);
}

function isStandalone(options: MigrationOptions, name: string): boolean {
  return options.migrations.some((migration) => migration.name === name && migration.standalone);
}

/**
 * Throws when a step that is not standalone would be reverted while a dependent service has
 * applied migrations: dropping `scholarships`, say, would drop that service's columns, indexes
 * and triggers while its migrations table still lists them as applied.
 */
async function rejectWhileDependentsApplied(
  knex: Knex,
  options: MigrationOptions,
  names: readonly string[],
): Promise<void> {
  if (names.every((name) => isStandalone(options, name))) return;
  const blocking: string[] = [];
  for (const dependent of options.dependents ?? []) {
    const table = `knex_migrations_${dependent}`;
    if ((await knex.schema.hasTable(table)) && (await knex(table).first('name')) !== undefined) {
      blocking.push(dependent);
    }
  }
  if (blocking.length === 0) return;
  const commands = blocking.map(
    (service) => `node services/${service}/dist/migrate.js rollback-all`,
  );
  throw new Error(
    `${blocking.join(' and ')} migrations build on ${options.service}'s tables and are applied; ` +
      `revert them first: ${commands.join('; ')}`,
  );
}

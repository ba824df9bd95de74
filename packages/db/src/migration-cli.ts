import knexFactory, { type Knex } from 'knex';
import {
  type MigrationOptions,
  migrateDown,
  migrateLatest,
  migrateRollbackAll,
} from './migrations';

const COMMANDS = {
  latest: (knex: Knex, options: MigrationOptions) => migrateLatest(knex, options),
  down: (knex: Knex, options: MigrationOptions, name?: string) => migrateDown(knex, options, name),
  'rollback-all': (knex: Knex, options: MigrationOptions) => migrateRollbackAll(knex, options),
} as const;

type Command = keyof typeof COMMANDS;

function isCommand(value: string): value is Command {
  return Object.hasOwn(COMMANDS, value);
}

/**
 * Command-line entry of a service's migrations: `latest` (default) applies
 * pending steps, `down` reverts the newest one alone, `down NAME` reverts
 * that one alone (an index migration, say) and keeps the later ones, and
 * `rollback-all` reverts all of them. Reads `DATABASE_URL`. Exits 2 on bad
 * usage and 1 on failure.
 */
export async function runMigrationCli(
  options: MigrationOptions,
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const command = argv[0] ?? 'latest';
  const name = argv[1];
  const connectionString = env.DATABASE_URL;
  if (!isCommand(command) || !connectionString || (name !== undefined && command !== 'down')) {
    process.stderr.write(
      `usage: DATABASE_URL=postgres://... migrate [latest | down [NAME] | rollback-all]\n`,
    );
    process.exitCode = 2;
    return;
  }
  const knex = knexFactory({
    client: 'pg',
    connection: connectionString,
    pool: { min: 0, max: 1 },
  });
  try {
    const names = await COMMANDS[command](knex, options, name);
    process.stdout.write(`${JSON.stringify({ service: options.service, command, names })}\n`);
  } catch (error) {
    process.stderr.write(`${options.service} migrations failed: ${String(error)}\n`);
    process.exitCode = 1;
  } finally {
    await knex.destroy();
  }
}

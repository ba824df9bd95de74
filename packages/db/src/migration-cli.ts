import knexFactory from 'knex';
import {
  type MigrationOptions,
  migrateDown,
  migrateLatest,
  migrateRollbackAll,
} from './migrations';

const COMMANDS = {
  latest: migrateLatest,
  down: migrateDown,
  'rollback-all': migrateRollbackAll,
} as const;

type Command = keyof typeof COMMANDS;

function isCommand(value: string): value is Command {
  return Object.hasOwn(COMMANDS, value);
}

/**
 * Command-line entry of a service's migrations: `latest` (default) applies
 * pending steps, `down` reverts the newest one alone, `rollback-all` reverts
 * all of them. Reads `DATABASE_URL`; exits 2 on bad usage, 1 on failure.
 */
export async function runMigrationCli(
  options: MigrationOptions,
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const command = argv[0] ?? 'latest';
  const connectionString = env.DATABASE_URL;
  if (!isCommand(command) || !connectionString) {
    process.stderr.write(
      `usage: DATABASE_URL=postgres://... migrate [${Object.keys(COMMANDS).join('|')}]\n`,
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
    const names = await COMMANDS[command](knex, options);
    process.stdout.write(`${JSON.stringify({ service: options.service, command, names })}\n`);
  } catch (error) {
    process.stderr.write(`${options.service} migrations failed: ${String(error)}\n`);
    process.exitCode = 1;
  } finally {
    await knex.destroy();
  }
}

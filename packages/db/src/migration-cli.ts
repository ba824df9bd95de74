import knexFactory, { type Knex } from 'knex';
import {
  isMigrationLockError,
  type MigrationOptions,
  migrateDown,
  migrateLatest,
  migrateRollbackAll,
  migrateUnlock,
} from './migrations';

const COMMANDS = {
  latest: (knex: Knex, options: MigrationOptions) => migrateLatest(knex, options),
  down: (knex: Knex, options: MigrationOptions, name?: string) => migrateDown(knex, options, name),
  'rollback-all': (knex: Knex, options: MigrationOptions) => migrateRollbackAll(knex, options),
  unlock: (knex: Knex, options: MigrationOptions) => migrateUnlock(knex, options),
} as const;

type Command = keyof typeof COMMANDS;

/** Signals that stop a run: Ctrl-C, a service manager, and a closed terminal. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const USAGE =
  'usage: DATABASE_URL=postgres://... migrate [latest | down [NAME] | rollback-all | unlock]\n';

/** How long a run waits for another run of the same service to finish. */
export const LOCK_WAIT_MS = 30_000;
const LOCK_POLL_MS = 250;

/** Exit status after SIGINT, SIGTERM or SIGHUP, as shells report a process ended by SIGINT. */
const EXIT_INTERRUPTED = 130;

/** Returns whether a connection string is a URL with the postgres or postgresql scheme. */
export function isPostgresUrl(text: string): boolean {
  // Schemes are case-insensitive (RFC 3986 §3.1), as in the services' configuration.
  return /^postgres(ql)?:\/\/\S+$/i.test(text.trim());
}

function isCommand(value: string): value is Command {
  return Object.hasOwn(COMMANDS, value);
}

/**
 * Returns the application name of the sessions that run one CLI process's migrations, so that an
 * interrupt can end exactly those sessions and no other, even one that reused a process id.
 */
function runSessionName(service: string): string {
  return `migrate-${service}-${process.pid}`;
}

/**
 * Returns a Knex log that drops Knex's own advice on a set lock, which names a `knex` command
 * this CLI replaces with `migrate unlock`.
 */
function quietLockLog(): Knex.Config['log'] {
  const write = (message: unknown) => {
    const text = String(message);
    if (!/already locked|migrate:unlock/.test(text)) process.stderr.write(`${text}\n`);
  };
  return { warn: write, error: write, deprecate: write, debug: () => {} };
}

/**
 * Takes the session advisory lock that one run of a service holds for its whole length, waiting
 * up to `LOCK_WAIT_MS` for another run. PostgreSQL releases it when the session ends, however
 * the run ends, so unlike Knex's lock row it never outlives its run.
 */
async function takeRunLock(guard: Knex, options: MigrationOptions): Promise<void> {
  const key = `knex_migrations_${options.service}`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  let announced = false;
  for (;;) {
    const result = await guard.raw<{ rows: { taken: boolean }[] }>(
      'SELECT pg_try_advisory_lock(hashtext(?)) AS taken',
      [key],
    );
    if (result.rows[0]?.taken) return;
    if (Date.now() >= deadline) {
      throw new Error(
        `another migration run of ${options.service} is still active after ${LOCK_WAIT_MS / 1000} s`,
      );
    }
    if (!announced) {
      process.stderr.write(
        `${options.service} migrations: another run is active; waiting up to ${LOCK_WAIT_MS / 1000} s\n`,
      );
      announced = true;
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}

/**
 * Runs a command while holding the run lock. Knex's lock row can then only be left over from a
 * run that was killed outright, since every live run holds the run lock first, so it is released
 * and the command tried once more.
 */
async function runHoldingLock(run: () => Promise<string[]>, knex: Knex, options: MigrationOptions) {
  try {
    return await run();
  } catch (error) {
    if (!isMigrationLockError(error)) throw error;
    process.stderr.write(
      `${options.service} migrations: releasing the lock left by a run that was killed\n`,
    );
    await migrateUnlock(knex, options);
    return run();
  }
}

/**
 * Stops a run on SIGINT, SIGTERM or SIGHUP. A run that holds the run lock ends its database
 * session, which rolls back the step in progress, and releases Knex's lock row. A run still
 * waiting for another run's lock releases nothing.
 */
async function interrupt(
  signal: string,
  options: MigrationOptions,
  connectionString: string,
  holdsRunLock: () => boolean,
): Promise<never> {
  process.stderr.write(`${options.service} migrations interrupted by ${signal}\n`);
  if (holdsRunLock()) {
    const cleanup = knexFactory({
      client: 'pg',
      connection: connectionString,
      pool: { min: 0, max: 1 },
    });
    try {
      await cleanup.raw(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?',
        [runSessionName(options.service)],
      );
      await migrateUnlock(cleanup, options);
      process.stderr.write(
        `${options.service} migrations: the step in progress was rolled back and the lock released\n`,
      );
    } catch (error) {
      process.stderr.write(
        `${options.service} migrations: could not release the lock (${String(error)}); the next run releases it\n`,
      );
    } finally {
      await cleanup.destroy();
    }
  }
  process.exit(EXIT_INTERRUPTED);
}

/**
 * Command-line entry of a service's migrations: `latest` (default) applies
 * pending steps, `down` reverts the newest one alone, `down NAME` reverts
 * that one alone (an index migration, say) and keeps the later ones,
 * `rollback-all` reverts all of them, and `unlock` releases Knex's lock row.
 * A run waits up to 30 s for another run of the service, and releases a lock
 * row that a killed run left. Reads `DATABASE_URL`. Exits 2 on bad usage, 1
 * on failure and 130 when interrupted.
 */
export async function runMigrationCli(
  options: MigrationOptions,
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const command = argv[0] ?? 'latest';
  const name = argv[1];
  const connectionString = env.DATABASE_URL;
  if (!isCommand(command) || argv.length > 2 || (name !== undefined && command !== 'down')) {
    process.stderr.write(USAGE);
    process.exitCode = 2;
    return;
  }
  if (connectionString === undefined || connectionString.trim() === '') {
    process.stderr.write(
      `DATABASE_URL is not set. Set it to the PostgreSQL connection string of the database that ` +
        `the ${options.service} service uses, such as ` +
        `postgres://postgres@127.0.0.1:5432/scholarships.\n${USAGE}`,
    );
    process.exitCode = 2;
    return;
  }
  if (!isPostgresUrl(connectionString)) {
    // pg reads any other text as a host name or falls back to localhost:5432, so a typo could
    // migrate whatever server listens there.
    process.stderr.write(`DATABASE_URL must be a postgres:// or postgresql:// URL\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const knex = knexFactory({
    client: 'pg',
    connection: { connectionString, application_name: runSessionName(options.service) },
    pool: { min: 0, max: 1 },
    log: quietLockLog(),
  });
  // The run lock lives on a session of its own, outside the pool that runs the migrations.
  const guard = knexFactory({
    client: 'pg',
    connection: connectionString,
    pool: { min: 1, max: 1 },
  });
  let holdsRunLock = false;
  const onSignal = (signal: string) =>
    void interrupt(signal, options, connectionString, () => holdsRunLock);
  for (const signal of SIGNALS) process.once(signal, onSignal);
  try {
    const run = () => COMMANDS[command](knex, options, name);
    await takeRunLock(guard, options);
    holdsRunLock = true;
    const names = command === 'unlock' ? await run() : await runHoldingLock(run, knex, options);
    process.stdout.write(`${JSON.stringify({ service: options.service, command, names })}\n`);
  } catch (error) {
    process.stderr.write(`${options.service} migrations failed: ${String(error)}\n`);
    process.exitCode = 1;
  } finally {
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
    await knex.destroy();
    await guard.destroy();
  }
}

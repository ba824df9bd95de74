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

const USAGE =
  'usage: DATABASE_URL=postgres://... migrate [latest | down [NAME] | rollback-all | unlock]\n';

/** How long a run waits for another run of the same service to release the migration lock. */
export const LOCK_WAIT_MS = 30_000;
const LOCK_POLL_MS = 250;

/** Exit status after SIGINT or SIGTERM, as shells report a process ended by SIGINT. */
const EXIT_INTERRUPTED = 130;

/** Returns whether a connection string is a URL with the postgres or postgresql scheme. */
export function isPostgresUrl(text: string): boolean {
  return /^postgres(ql)?:\/\/\S+$/.test(text.trim());
}

function isCommand(value: string): value is Command {
  return Object.hasOwn(COMMANDS, value);
}

/** Returns a pool setting that records each session's backend process id, so an interrupt can end it. */
function trackedPool(backends: Set<number>): Knex.PoolConfig {
  return {
    min: 0,
    max: 1,
    afterCreate(connection: unknown, done: (error: Error | null, connection: unknown) => void) {
      const client = connection as {
        query(
          text: string,
          callback: (error: Error | null, result: { rows: { pid: number }[] }) => void,
        ): void;
      };
      client.query('SELECT pg_backend_pid() AS pid', (error, result) => {
        const pid = result?.rows[0]?.pid;
        if (pid !== undefined) backends.add(pid);
        done(error, connection);
      });
    },
  };
}

/**
 * Returns a Knex log that drops Knex's own advice on a set lock, which names a `knex` command
 * this CLI replaces with `migrate unlock`, and repeats on every attempt while a run waits.
 */
function quietLockLog(): Knex.Config['log'] {
  const write = (message: unknown) => {
    const text = String(message);
    if (!/already locked|migrate:unlock/.test(text)) process.stderr.write(`${text}\n`);
  };
  return { warn: write, error: write, deprecate: write, debug: () => {} };
}

/** Runs a command, waiting up to `LOCK_WAIT_MS` while another run of the service holds the lock. */
async function runWaitingForLock(
  run: () => Promise<string[]>,
  options: MigrationOptions,
  state: { waiting: boolean },
): Promise<string[]> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let announced = false;
  for (;;) {
    try {
      state.waiting = false;
      return await run();
    } catch (error) {
      if (!isMigrationLockError(error) || Date.now() >= deadline) throw error;
      if (!announced) {
        process.stderr.write(
          `${options.service} migrations: another run holds the lock; waiting up to ${LOCK_WAIT_MS / 1000} s\n`,
        );
        announced = true;
      }
      state.waiting = true;
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
  }
}

/**
 * Stops a run on SIGINT or SIGTERM: ends its database session, which rolls back the step in
 * progress, and releases the migration lock that Knex would otherwise leave set. A run that
 * was only waiting for another run's lock releases nothing.
 * NOTE: a signal that arrives while Knex is still taking the lock, which another run holds,
 * releases that run's lock. Only two runs of one service started together can meet this.
 */
async function interrupt(
  signal: string,
  options: MigrationOptions,
  connectionString: string,
  context: { backends: Set<number>; state: { waiting: boolean } },
): Promise<never> {
  process.stderr.write(`${options.service} migrations interrupted by ${signal}\n`);
  const cleanup = knexFactory({
    client: 'pg',
    connection: connectionString,
    pool: { min: 0, max: 1 },
  });
  try {
    const pids = [...context.backends];
    if (pids.length > 0) {
      await cleanup.raw('SELECT pg_terminate_backend(pid) FROM unnest(?::integer[]) AS pid', [
        pids,
      ]);
    }
    if (!context.state.waiting) {
      await migrateUnlock(cleanup, options);
      process.stderr.write(
        `${options.service} migrations: the step in progress was rolled back and the lock released\n`,
      );
    }
  } catch (error) {
    process.stderr.write(
      `${options.service} migrations: could not release the lock (${String(error)}); run "migrate unlock" once no other run is active\n`,
    );
  } finally {
    await cleanup.destroy();
  }
  process.exit(EXIT_INTERRUPTED);
}

/**
 * Command-line entry of a service's migrations: `latest` (default) applies
 * pending steps, `down` reverts the newest one alone, `down NAME` reverts
 * that one alone (an index migration, say) and keeps the later ones,
 * `rollback-all` reverts all of them, and `unlock` releases a lock that a
 * killed run left set. A run waits up to 30 s for another run's lock. Reads
 * `DATABASE_URL`. Exits 2 on bad usage, 1 on failure and 130 when
 * interrupted.
 */
export async function runMigrationCli(
  options: MigrationOptions,
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const command = argv[0] ?? 'latest';
  const name = argv[1];
  const connectionString = env.DATABASE_URL;
  if (
    !isCommand(command) ||
    !connectionString ||
    argv.length > 2 ||
    (name !== undefined && command !== 'down')
  ) {
    process.stderr.write(USAGE);
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
  const backends = new Set<number>();
  const state = { waiting: false };
  const knex = knexFactory({
    client: 'pg',
    connection: connectionString,
    pool: trackedPool(backends),
    log: quietLockLog(),
  });
  const onSignal = (signal: string) =>
    void interrupt(signal, options, connectionString, { backends, state });
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const run = () => COMMANDS[command](knex, options, name);
    const names = command === 'unlock' ? await run() : await runWaitingForLock(run, options, state);
    process.stdout.write(`${JSON.stringify({ service: options.service, command, names })}\n`);
  } catch (error) {
    process.stderr.write(`${options.service} migrations failed: ${String(error)}\n`);
    if (isMigrationLockError(error)) {
      process.stderr.write(
        `The lock stayed set for ${LOCK_WAIT_MS / 1000} s. If no other migration run of ${options.service} is active, release it with: migrate unlock\n`,
      );
    }
    process.exitCode = 1;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await knex.destroy();
  }
}

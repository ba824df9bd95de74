import { parseArgs } from 'node:util';
import { isPostgresUrl } from '@scholarships/db';
import knexFactory, { type Knex } from 'knex';
import { parseIsoDate } from './normalize/calendar-date';
import type { ImportProgress } from './types';

/** Exit status for a missing or invalid setting, as opposed to 1 for a failed run. */
export const EXIT_USAGE = 2;

/**
 * Reads the command's flags, which all take no value. `--help` prints `usage` and exits with 0,
 * and an unknown flag or a stray argument prints the problem and `usage` and exits with 2, so a
 * typo never starts a run that writes to the database.
 */
export function readFlags(flags: readonly string[], usage: string): Set<string> {
  const options = Object.fromEntries(
    [...flags, 'help'].map((flag) => [flag, { type: 'boolean' as const }]),
  );
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: process.argv.slice(2), options, strict: true }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}`);
    process.exit(EXIT_USAGE);
  }
  if (values.help === true) {
    process.stdout.write(usage);
    process.exit(0);
  }
  return new Set(flags.filter((flag) => values[flag] === true));
}

/** Returns the required environment variable, or prints why it is needed and exits with status 2. */
export function requireEnv(name: string, purpose: string): string {
  const value = process.env[name]?.trim();
  if (value) return value;
  process.stderr.write(`${name} is not set. Set it to ${purpose}.\n`);
  process.exit(EXIT_USAGE);
}

/** Returns DATABASE_URL, or prints the problem and exits with status 2 when it is no postgres URL. */
export function requireDatabaseUrl(): string {
  const url = requireEnv(
    'DATABASE_URL',
    'the PostgreSQL connection string of the catalog database',
  );
  if (isPostgresUrl(url)) return url;
  process.stderr.write('DATABASE_URL is invalid: expected a postgres:// or postgresql:// URL.\n');
  process.exit(EXIT_USAGE);
}

/**
 * Returns IMPORT_TODAY, the date to project deadlines from, or today's date in
 * UTC when it is unset. Prints the problem and exits with status 2 when the
 * value is no valid `YYYY-MM-DD` date.
 */
export function todaySetting(): string {
  const today = process.env.IMPORT_TODAY?.trim() || new Date().toISOString().slice(0, 10);
  try {
    parseIsoDate(today);
  } catch (error) {
    process.stderr.write(`IMPORT_TODAY is invalid: ${(error as Error).message}\n`);
    process.exit(EXIT_USAGE);
  }
  return today;
}

/** Opens a small Knex pool for a one-off command. */
export function connect(connectionString: string): Knex {
  return knexFactory({ client: 'pg', connection: connectionString, pool: { min: 0, max: 2 } });
}

/** Formats a progress event as one plain line, such as `read helios 359/359`. */
export function formatProgress(progress: ImportProgress): string {
  return `${progress.phase} ${progress.source} ${progress.done}/${progress.total}`;
}

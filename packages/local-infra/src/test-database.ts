import { randomBytes } from 'node:crypto';
import { Client, escapeIdentifier } from 'pg';
import { describeError } from './poll-until-ready';

/** Prefix rule: PostgreSQL names have at most 63 bytes, and the suffix adds 13 characters. */
const PREFIX_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** Isolated database created by `createTestDatabase`. */
export interface TestDatabase {
  /** Database name: the prefix, an underscore and 12 random hex digits. */
  name: string;
  /** Connection string of the server URL with the path replaced by `name`. */
  connectionString: string;
  /** Drops the database, ending connections still open to it. Calling it again returns the same promise. */
  drop(): Promise<void>;
}

/** Options of `createTestDatabase`. */
export interface CreateTestDatabaseOptions {
  /**
   * Connection string of a role allowed to create databases.
   * Default: `process.env.TEST_DATABASE_URL`, which the local-infra jest global setup sets.
   */
  serverUrl?: string;
}

/**
 * Creates an empty database from template0 on the test server, so each test file gets its
 * own database. `prefix` must be 1 to 40 lowercase letters, digits or underscores, starting
 * with a letter.
 */
export async function createTestDatabase(
  prefix: string,
  options: CreateTestDatabaseOptions = {},
): Promise<TestDatabase> {
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new Error(
      `Invalid test database prefix "${prefix}"; use 1 to 40 lowercase letters, digits or underscores, starting with a letter`,
    );
  }
  const serverUrl = options.serverUrl ?? process.env.TEST_DATABASE_URL;
  if (serverUrl === undefined || serverUrl === '') {
    throw new Error(
      "TEST_DATABASE_URL is not set; add the @scholarships/local-infra globalSetup to this workspace's jest.config.js or pass serverUrl",
    );
  }
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const quoted = escapeIdentifier(name);
  await runStatement(serverUrl, `CREATE DATABASE ${quoted} TEMPLATE template0`);

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropping: Promise<void> | undefined;
  const drop = (): Promise<void> => {
    dropping ??= runStatement(serverUrl, `DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    return dropping;
  };
  return { name, connectionString: url.toString(), drop };
}

async function runStatement(serverUrl: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query(statement);
  } catch (error) {
    // The URL is not quoted because it can contain a password.
    throw new Error(
      `${statement} failed on the test server ${new URL(serverUrl).host}: ${describeError(error)}`,
      { cause: error },
    );
  } finally {
    await client.end();
  }
}

import { Client } from 'pg';
import { pingRedis } from './redis-ping';
import { createTestDatabase, type TestDatabase } from './test-database';

async function queryRows(
  connectionString: string,
  sql: string,
  params: unknown[] = [],
): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error('TEST_DATABASE_URL is not set; this test needs the local-infra global setup');
  }
  return url;
}

describe('createTestDatabase', () => {
  const created: TestDatabase[] = [];

  afterEach(async () => {
    await Promise.all(created.splice(0).map((database) => database.drop()));
  });

  test('databases are isolated', async () => {
    const first = await createTestDatabase('local_infra');
    const second = await createTestDatabase('local_infra');
    created.push(first, second);

    expect(first.name).toMatch(/^local_infra_[0-9a-f]{12}$/);
    expect(first.name).not.toBe(second.name);
    await queryRows(first.connectionString, 'CREATE TABLE only_here (id int)');
    const rows = await queryRows(
      second.connectionString,
      "SELECT 1 FROM information_schema.tables WHERE table_name = 'only_here'",
    );
    expect(rows).toHaveLength(0);
  });

  test('connection string names the database', async () => {
    const database = await createTestDatabase('named');
    created.push(database);

    const [row] = await queryRows(database.connectionString, 'SELECT current_database() AS name');
    expect(row?.name).toBe(database.name);
  });

  test('drop removes the database despite open connections', async () => {
    const database = await createTestDatabase('dropped');
    const open = new Client({ connectionString: database.connectionString });
    open.on('error', () => {});
    await open.connect();

    await database.drop();
    await open.end().catch(() => {});
    const rows = await queryRows(serverUrl(), 'SELECT 1 FROM pg_database WHERE datname = $1', [
      database.name,
    ]);
    expect(rows).toHaveLength(0);
    await expect(database.drop()).resolves.toBeUndefined();
  });

  test('invalid prefix is rejected', async () => {
    await expect(createTestDatabase('Bad-Prefix')).rejects.toThrow(
      'Invalid test database prefix "Bad-Prefix"',
    );
  });

  test('missing server URL is reported', async () => {
    await expect(createTestDatabase('orphan', { serverUrl: '' })).rejects.toThrow(
      'TEST_DATABASE_URL is not set',
    );
  });
});

describe('global setup', () => {
  test('TEST_REDIS_URL points at a running Redis', async () => {
    const url = new URL(process.env.TEST_REDIS_URL ?? 'redis://missing');

    expect(url.hostname).toBe('127.0.0.1');
    await expect(pingRedis(Number(url.port))).resolves.toBeUndefined();
  });
});

import { Client } from 'pg';
import { pingRedis } from '../redis-ping';
import globalSetup from './global-setup';
import globalTeardown from './global-teardown';

const VARIABLES = ['TEST_DATABASE_URL', 'TEST_REDIS_URL'] as const;

describe('global setup and teardown', () => {
  const saved = new Map(VARIABLES.map((name) => [name, process.env[name]]));

  beforeEach(() => {
    for (const name of VARIABLES) {
      delete process.env[name];
    }
  });

  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  });

  test('servers start and stop', async () => {
    await globalSetup();
    const databaseUrl = process.env.TEST_DATABASE_URL ?? '';
    const redisPort = Number(new URL(process.env.TEST_REDIS_URL ?? 'redis://missing').port);

    expect(databaseUrl).toMatch(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const result = await client.query("SELECT current_setting('fsync') AS fsync");
    await client.end();
    expect(result.rows).toEqual([{ fsync: 'off' }]);
    await expect(pingRedis(redisPort)).resolves.toBeUndefined();

    await globalTeardown();
    expect(process.env.TEST_DATABASE_URL).toBeUndefined();
    expect(process.env.TEST_REDIS_URL).toBeUndefined();
    await expect(pingRedis(redisPort)).rejects.toThrow(/failed/);
    const stopped = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 1_000 });
    await expect(stopped.connect()).rejects.toThrow();
  }, 60_000);

  test('preset URLs are kept', async () => {
    process.env.TEST_DATABASE_URL = 'postgresql://ci@127.0.0.1:1/ci';
    process.env.TEST_REDIS_URL = 'redis://127.0.0.1:2';

    await globalSetup();
    await globalTeardown();

    expect(process.env.TEST_DATABASE_URL).toBe('postgresql://ci@127.0.0.1:1/ci');
    expect(process.env.TEST_REDIS_URL).toBe('redis://127.0.0.1:2');
  });
});

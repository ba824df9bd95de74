import { randomBytes } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import knexFactory from 'knex';
import { Client } from 'pg';
import { Registry } from 'prom-client';
import {
  createDatabase,
  type Database,
  type DatabaseOptions,
  isDatabaseUnavailable,
  QueryRecorder,
  toStatement,
} from './index';

const serverUrl = process.env.TEST_DATABASE_URL ?? '';
const builder = knexFactory({ client: 'pg' });
const opened: Database[] = [];

function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

function openDatabase(overrides: Partial<DatabaseOptions> = {}): Database {
  const db = createDatabase({
    connectionString: serverUrl,
    applicationName: uniqueName('db_test'),
    ...overrides,
  });
  opened.push(db);
  return db;
}

async function withAdminClient<T>(action: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await action(client);
  } finally {
    await client.end();
  }
}

async function backendCount(applicationName: string): Promise<number> {
  return withAdminClient(async (client) => {
    const result = await client.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM pg_stat_activity WHERE application_name = $1',
      [applicationName],
    );
    return result.rows[0]?.count ?? 0;
  });
}

async function terminateBackends(applicationName: string): Promise<number> {
  return withAdminClient(async (client) => {
    const result = await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
      [applicationName],
    );
    return result.rowCount ?? 0;
  });
}

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function eventually(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function errorCount(registry: Registry, kind: string): Promise<number> {
  const metric = await registry.getSingleMetric('db_errors_total')?.get();
  return metric?.values.find((value) => value.labels.kind === kind)?.value ?? 0;
}

const warmupStatement = toStatement('db_test_warmup', builder.raw('SELECT ?::int AS n', [1]));

afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

describe('Database.warm', () => {
  it('opens poolMin connections and prepares the statements on each', async () => {
    const applicationName = uniqueName('db_warm');
    const db = openDatabase({ applicationName, poolMin: 3 });
    await db.warm([warmupStatement]);

    expect(db.pool.totalCount).toBe(3);
    expect(await backendCount(applicationName)).toBe(3);
    const clients = await Promise.all([db.pool.connect(), db.pool.connect(), db.pool.connect()]);
    try {
      for (const client of clients) {
        const result = await client.query<{ name: string }>(
          'SELECT name FROM pg_prepared_statements',
        );
        expect(result.rows.map((row) => row.name)).toContain('db_test_warmup');
      }
    } finally {
      for (const client of clients) client.release();
    }
  });

  it('opens no more than poolMax connections', async () => {
    const db = openDatabase({ poolMin: 5, poolMax: 2 });
    await db.warm([warmupStatement]);
    expect(db.pool.totalCount).toBe(2);
  });

  it('destroys a client whose warm-up statement failed', async () => {
    const db = openDatabase({ poolMin: 2 });
    const failing = toStatement('db_test_division', builder.raw('SELECT 1/0'));
    await expect(db.warm([failing])).rejects.toThrow('division by zero');
    expect(db.pool.totalCount).toBe(0);
  });

  it('rejects when a backend dies during warm-up', async () => {
    const db = openDatabase({ poolMin: 2 });
    const suicide = toStatement(
      'db_test_terminate_self',
      builder.raw('SELECT pg_terminate_backend(pg_backend_pid())'),
    );
    await expect(db.warm([suicide])).rejects.toThrow();
    await waitUntil(() => db.pool.totalCount === 0);
    expect(db.pool.waitingCount).toBe(0);
  });
});

describe('preparedStatements', () => {
  async function preparedNames(db: Database): Promise<string[]> {
    const result = await db.pool.query<{ name: string }>('SELECT name FROM pg_prepared_statements');
    return result.rows.map((row) => row.name);
  }

  it('prepares named statements by default', async () => {
    const db = openDatabase({ poolMin: 1, poolMax: 1 });
    await db.warm([warmupStatement]);

    expect(await db.query<{ n: number }>(warmupStatement)).toEqual([{ n: 1 }]);
    expect(await preparedNames(db)).toContain('db_test_warmup');
  });

  it('sends statements unnamed when switched off', async () => {
    const db = openDatabase({ poolMin: 1, poolMax: 1, preparedStatements: false });
    await db.warm([warmupStatement]);

    expect(await db.query<{ n: number }>(warmupStatement)).toEqual([{ n: 1 }]);
    expect(await preparedNames(db)).toEqual([]);
  });
});

describe('connection failures', () => {
  it('counts terminated idle clients and reconnects on the next query', async () => {
    const registry = new Registry();
    const applicationName = uniqueName('db_idle');
    const warnings: object[] = [];
    const db = openDatabase({
      applicationName,
      registry,
      poolMin: 2,
      logger: { warn: (fields) => warnings.push(fields), error: () => undefined },
    });
    await db.warm([warmupStatement]);

    expect(await terminateBackends(applicationName)).toBe(2);
    await waitUntil(() => db.pool.totalCount === 0);

    expect(await errorCount(registry, 'idle')).toBe(2);
    expect(warnings).toHaveLength(2);
    await expect(db.query(warmupStatement)).resolves.toEqual([{ n: 1 }]);
  });

  it('replaces a terminated Knex connection on the next query', async () => {
    const registry = new Registry();
    const applicationName = uniqueName('db_knex');
    const db = openDatabase({ applicationName, registry });
    await db.knex.raw('SELECT 1');

    expect(await terminateBackends(applicationName)).toBe(1);
    await eventually(async () => (await errorCount(registry, 'knex_connection')) === 1);

    const result = await db.knex.raw<{ rows: { one: number }[] }>('SELECT 1 AS one');
    expect(result.rows).toEqual([{ one: 1 }]);
  });

  it('bounds the wait for a Knex connection and classifies it as unavailable', async () => {
    const db = openDatabase({ connectTimeoutMs: 200 });
    const release: Array<() => void> = [];
    const held = Array.from({ length: 3 }, () =>
      db.knex.transaction(
        (trx) =>
          new Promise<void>((resolve) => {
            release.push(resolve);
            void trx.raw('SELECT 1');
          }),
      ),
    );
    await waitUntil(() => release.length === 3);

    const startedAt = Date.now();
    const error: unknown = await db.knex.raw('SELECT 1').catch((caught: unknown) => caught);
    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(isDatabaseUnavailable(error)).toBe(true);

    for (const resolve of release) resolve();
    await Promise.all(held);
  });

  it('applies the statement timeout to both pools', async () => {
    const db = openDatabase({ statementTimeoutMs: 200 });
    const sleep = toStatement('db_test_sleep', builder.raw('SELECT pg_sleep(2)'));

    const poolError: unknown = await db.query(sleep).catch((caught: unknown) => caught);
    const knexError: unknown = await db.knex.raw('SELECT pg_sleep(2)').catch((c: unknown) => c);

    expect((poolError as { code?: string }).code).toBe('57014');
    expect((knexError as { code?: string }).code).toBe('57014');
  });
});

describe('onQuery', () => {
  it('reports prepared statements and Knex queries', async () => {
    const recorder = new QueryRecorder();
    const db = openDatabase({ onQuery: recorder.listener });
    const events = await recorder.record(async () => {
      await db.query(warmupStatement);
      await db.knex.raw('SELECT 2');
    });

    expect(events).toEqual([
      { source: 'statement', name: 'db_test_warmup', text: 'SELECT $1::int AS n' },
      { source: 'knex', name: undefined, text: 'SELECT 2' },
    ]);
  });

  it('reports the queries of a Knex transaction', async () => {
    const recorder = new QueryRecorder();
    const db = openDatabase({ onQuery: recorder.listener });
    const events = await recorder.record(() =>
      db.knex.transaction(async (trx) => {
        await trx.raw('SELECT 3');
      }),
    );
    expect(events.map((event) => event.text)).toContain('SELECT 3');
  });
});

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect failed'), { code: 'ECONNREFUSED' })],
    ['a terminated backend', Object.assign(new Error('terminating'), { code: '57P01' })],
    ['a server shutting down', Object.assign(new Error('shutting down'), { code: '57P03' })],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    [
      'a Knex pool timeout',
      Object.assign(new Error('Knex: Timeout'), { name: 'KnexTimeoutError' }),
    ],
  ])('accepts %s', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('accepts an error created in another realm', () => {
    const foreign: unknown = runInNewContext(
      'Object.assign(new Error("refused"), { code: "ECONNREFUSED" })',
    );
    expect(foreign instanceof Error).toBe(false);
    expect(isDatabaseUnavailable(foreign)).toBe(true);
  });

  it.each([
    ['a syntax error', Object.assign(new Error('syntax error'), { code: '42601' })],
    ['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    // A deadlock is a lock-order bug to fix, not an outage to retry through.
    ['a deadlock', Object.assign(new Error('deadlock detected'), { code: '40P01' })],
    ['a non-error value', 'ECONNREFUSED'],
  ])('rejects %s', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

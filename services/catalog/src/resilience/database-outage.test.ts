import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceEnv } from '@scholarships/config';
import { INVALIDATION_CHANNEL, type InvalidationEvent } from '@scholarships/contracts';
import { createDatabase, type Database, migrateLatest, toStatement } from '@scholarships/db';
import { findFreePort, type PostgresServer, startPostgres } from '@scholarships/local-infra';
import { createLogger } from '@scholarships/logger';
import { createRegistry, type Registry } from '@scholarships/metrics';
import {
  type BackgroundWork,
  buildServiceApp,
  type ServiceDefinition,
} from '@scholarships/service-kit';
import { Router } from 'express';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { type CatalogConfig, catalogConfigSchema } from '../config';
import { migrations } from '../migrations';
import { createCatalogService } from '../service';
import {
  ADMIN_HEADERS,
  insertScholarship,
  userHeaders,
} from '../test-support/catalog-test-context';
import {
  listen,
  type ProbeOutcome,
  type ProbeTarget,
  probeFor,
  probeUntilHealthy,
  succeeded,
} from '../test-support/http-probe';

/** Time a service has to serve again once the database is back, in milliseconds. */
const RECOVERY_LIMIT_MS = 5000;
/** Maximum response time while the database is unavailable: a fast 503, never a hang. */
const FAST_FAILURE_MS = 1500;

type ProbeConfig = ReturnType<ReturnType<typeof serviceEnv>['parse']>;

/**
 * A second service built from a minimal definition: the search and
 * eligibility definitions are not exported for other workspaces, so this
 * one serves as another process, with its own pool and a prepared
 * statement on the request path.
 */
const probeService: ServiceDefinition<ProbeConfig> = {
  name: 'probe',
  configSchema: serviceEnv(0),
  createRoutes({ db }) {
    const router = Router();
    router.get('/probe', async function countScholarships(_req, res) {
      const statement = toStatement(
        'probe_scholarship_count',
        db.knex('scholarships').count({ count: '*' }),
      );
      res.json((await db.query(statement))[0]);
    });
    return router;
  },
};

interface RunningApp {
  name: string;
  url: string;
  db: Database;
  registry: Registry;
  close(): Promise<void>;
}

let workDir: string;
let port: number;
let postgres: PostgresServer;
let connectionString: string;
let catalog: RunningApp;
let probe: RunningApp;
let background: BackgroundWork;
let scholarshipId: string;
let subscriber: Redis;
const published: InvalidationEvent[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

function openDatabase(applicationName: string, registry: Registry): Database {
  return createDatabase({
    connectionString,
    applicationName,
    poolMin: 2,
    statementTimeoutMs: 2000,
    connectTimeoutMs: 500,
    registry,
    logger: createLogger({ service: applicationName, level: 'silent' }),
  });
}

async function startCatalog(): Promise<RunningApp> {
  const registry = createRegistry({ service: 'catalog', defaultMetrics: false });
  const db = openDatabase('fault-catalog', registry);
  const config: CatalogConfig = catalogConfigSchema.parse({
    DATABASE_URL: connectionString,
    REDIS_URL: process.env.TEST_REDIS_URL,
  });
  const logger = createLogger({ service: 'catalog', level: 'silent' });
  const definition = createCatalogService();
  const deps = { config, db, logger, registry };
  await db.warm(definition.warmupStatements?.(db) ?? []);
  background = await (definition.start?.(deps) ?? Promise.resolve({ stop: async () => {} }));
  const server = await listen(buildServiceApp(definition, deps));
  return { name: 'catalog', url: server.url, db, registry, close: server.close };
}

async function startProbe(): Promise<RunningApp> {
  const registry = createRegistry({ service: 'probe', defaultMetrics: false });
  const db = openDatabase('fault-probe', registry);
  const config = serviceEnv(0).parse({ DATABASE_URL: connectionString });
  const logger = createLogger({ service: 'probe', level: 'silent' });
  const server = await listen(buildServiceApp(probeService, { config, db, logger, registry }));
  return { name: 'probe', url: server.url, db, registry, close: server.close };
}

function targets(): ProbeTarget[] {
  const get =
    (url: string, headers: Record<string, string> = {}) =>
    (signal: AbortSignal) =>
      fetch(url, { signal, headers });
  return [
    { name: 'catalog read', send: get(`${catalog.url}/api/v1/scholarships/${scholarshipId}`) },
    { name: 'catalog saved list', send: get(`${catalog.url}/api/v1/me/saved`, userHeaders('u1')) },
    {
      name: 'catalog write',
      send: (signal) =>
        fetch(`${catalog.url}/api/v1/me/interactions`, {
          method: 'POST',
          signal,
          headers: { ...userHeaders('u1'), 'content-type': 'application/json' },
          body: JSON.stringify({ scholarshipId, type: 'viewed' }),
        }),
    },
    { name: 'catalog readyz', send: get(`${catalog.url}/readyz`) },
    { name: 'probe read', send: get(`${probe.url}/probe`) },
    { name: 'probe readyz', send: get(`${probe.url}/readyz`) },
  ];
}

async function terminateEveryBackend(): Promise<number> {
  const admin = new Client({ connectionString });
  await admin.connect();
  try {
    const result = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    );
    return result.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

async function idleErrorCount(app: RunningApp): Promise<number> {
  const metric = await app.registry.getSingleMetric('db_errors_total')?.get();
  return metric?.values.find((value) => value.labels.kind === 'idle')?.value ?? 0;
}

/** Outcomes that break the rule "200 or a fast 503, never a 500, never a hang". */
function violations(outcomes: readonly ProbeOutcome[]): ProbeOutcome[] {
  return outcomes.filter(
    (outcome) => !(succeeded(outcome) || outcome.status === 503) || outcome.ms > FAST_FAILURE_MS,
  );
}

async function createScholarshipThroughApi(name: string): Promise<string> {
  const response = await fetch(`${catalog.url}/api/v1/admin/scholarships`, {
    method: 'POST',
    headers: { ...ADMIN_HEADERS, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
    signal: AbortSignal.timeout(3000),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function waitForEvent(id: string): Promise<void> {
  const deadline = Date.now() + RECOVERY_LIMIT_MS;
  while (!published.some((event) => 'scholarshipId' in event && event.scholarshipId === id)) {
    if (Date.now() > deadline) throw new Error(`no event for ${id} within ${RECOVERY_LIMIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  workDir = await mkdtemp(join(tmpdir(), 'catalog-outage-'));
  // The server runs as an unprivileged account when the tests run as root.
  await chmod(workDir, 0o755);
  port = await findFreePort();
  postgres = await startPostgres({ dataDir: join(workDir, 'data'), port, ephemeral: true });
  connectionString = postgres.connectionString;
  const migrator = createDatabase({ connectionString, applicationName: 'fault-migrate' });
  await migrateLatest(migrator.knex, { service: 'catalog', migrations });
  scholarshipId = await insertScholarship(migrator);
  await migrator.close();

  subscriber = new Redis(process.env.TEST_REDIS_URL ?? '');
  subscriber.on('message', (_channel: string, message: string) =>
    published.push(JSON.parse(message)),
  );
  await subscriber.subscribe(INVALIDATION_CHANNEL);
  catalog = await startCatalog();
  probe = await startProbe();
}, 120_000);

afterAll(async () => {
  await background?.stop();
  for (const app of [catalog, probe]) {
    await app?.close();
    await app?.db.close();
  }
  subscriber?.disconnect();
  await postgres?.stop();
  await rm(workDir, { recursive: true, force: true });
  process.removeListener('unhandledRejection', onUnhandled);
});

describe('services over a database that drops connections', () => {
  it('serve normally before any fault', async () => {
    const { healthyAfterMs, outcomes } = await probeUntilHealthy(targets(), RECOVERY_LIMIT_MS);
    expect(violations(outcomes)).toEqual([]);
    expect(healthyAfterMs).toBeDefined();
  });

  it('keep answering when every backend is terminated', async () => {
    expect(await terminateEveryBackend()).toBeGreaterThanOrEqual(4);
    const { outcomes, healthyAfterMs } = await probeUntilHealthy(targets(), RECOVERY_LIMIT_MS);

    expect(violations(outcomes)).toEqual([]);
    expect(healthyAfterMs).toBeLessThan(RECOVERY_LIMIT_MS);
    expect(await idleErrorCount(catalog)).toBeGreaterThan(0);
    expect(await idleErrorCount(probe)).toBeGreaterThan(0);
  });

  it('answer 503 while PostgreSQL is down and 200 soon after it is back', async () => {
    await postgres.stop();
    const duringOutage = await probeFor(targets(), 1000);

    expect(violations(duringOutage)).toEqual([]);
    expect(duringOutage.filter((outcome) => outcome.status !== 503)).toEqual([]);

    postgres = await startPostgres({ dataDir: join(workDir, 'data'), port, ephemeral: true });
    const { outcomes, healthyAfterMs } = await probeUntilHealthy(targets(), RECOVERY_LIMIT_MS);

    expect(violations(outcomes)).toEqual([]);
    expect(healthyAfterMs).toBeLessThan(RECOVERY_LIMIT_MS);
  }, 60_000);

  it('publish the events of writes made after the restart', async () => {
    const id = await createScholarshipThroughApi('After the restart');
    await waitForEvent(id);
  });

  it('leave no promise rejection unhandled', () => {
    expect(unhandled).toEqual([]);
  });
});

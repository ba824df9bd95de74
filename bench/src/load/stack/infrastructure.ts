import { createDatabase } from '@scholarships/db';
import { startPostgres, startRedis } from '@scholarships/local-infra';
import { distEntry } from './paths';
import { runNodeStep } from './run-step';

/** Services whose migrations run, in order: catalog creates the tables the others index. */
const MIGRATION_ORDER = ['catalog', 'search', 'eligibility'] as const;

/**
 * Server settings of the bench's PostgreSQL. Shared buffers of 256 MB keep the table and its
 * indexes in memory as a production server would; the local-infra default suits tests only.
 */
const POSTGRES_SETTINGS = { shared_buffers: '256MB', max_connections: 200 };

export interface Infrastructure {
  databaseUrl: string;
  redisUrl: string;
  redisPort: number;
  /** PIDs of the servers, for the report. */
  pids: { postgres: number; redis: number };
  /** Seconds each set-up step took. */
  setupSeconds: Record<string, number>;
  stop(): Promise<void>;
}

export interface InfrastructureOptions {
  syntheticCount: number;
  seed: number;
  /** Receives one line per step. */
  say: (line: string) => void;
  /** Registers a stop function at once, so an interrupted start still stops what it started. */
  onStarted: (stop: () => Promise<void>) => void;
}

async function timed(
  seconds: Record<string, number>,
  step: string,
  work: () => Promise<unknown>,
): Promise<void> {
  const startedAt = performance.now();
  await work();
  seconds[step] = (performance.now() - startedAt) / 1000;
}

/** Refreshes planner statistics after the bulk load, as autovacuum would some time later. */
async function analyze(databaseUrl: string): Promise<void> {
  const db = createDatabase({
    connectionString: databaseUrl,
    applicationName: 'bench-setup',
    poolMin: 0,
    poolMax: 1,
    statementTimeoutMs: 600_000,
  });
  try {
    await db.knex.raw('VACUUM ANALYZE');
  } finally {
    await db.close();
  }
}

async function loadData(
  databaseUrl: string,
  options: InfrastructureOptions,
  seconds: Record<string, number>,
) {
  const env = { DATABASE_URL: databaseUrl };
  for (const service of MIGRATION_ORDER) {
    await timed(seconds, `migrate ${service}`, () =>
      runNodeStep(distEntry(`services/${service}`, 'migrate.js'), ['latest'], env),
    );
  }
  options.say('importing the real scholarship data');
  await timed(seconds, 'import', () =>
    runNodeStep(distEntry('services/catalog', 'import', 'cli.js'), [], env),
  );
  options.say(`generating ${options.syntheticCount} synthetic scholarships`);
  await timed(seconds, 'synthetic', () =>
    runNodeStep(distEntry('services/catalog', 'import', 'generate-cli.js'), [], {
      ...env,
      SYNTHETIC_COUNT: String(options.syntheticCount),
      SYNTHETIC_SEED: String(options.seed),
    }),
  );
  await timed(seconds, 'vacuum analyze', () => analyze(databaseUrl));
}

/**
 * Starts an ephemeral PostgreSQL and a Redis on 127.0.0.1, applies every service's migrations
 * and loads the real data plus the synthetic rows, through the services' own command-line tools.
 */
export async function startInfrastructure(options: InfrastructureOptions): Promise<Infrastructure> {
  const setupSeconds: Record<string, number> = {};
  options.say('starting PostgreSQL and Redis');
  const postgres = await startPostgres({
    ephemeral: true,
    database: 'scholarships',
    settings: POSTGRES_SETTINGS,
  });
  options.onStarted(() => postgres.stop());
  const redis = await startRedis();
  options.onStarted(() => redis.stop());
  await loadData(postgres.connectionString, options, setupSeconds);
  return {
    databaseUrl: postgres.connectionString,
    redisUrl: redis.url,
    redisPort: redis.port,
    pids: { postgres: postgres.pid, redis: redis.pid },
    setupSeconds,
    stop: async () => {
      await redis.stop();
      await postgres.stop();
    },
  };
}

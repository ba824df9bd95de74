/**
 * Latency of the search service's hot prepared statements on the real data
 * sets plus 100,000 synthetic scholarships (seed 42), on an ephemeral
 * PostgreSQL of its own. Each statement shape runs with varied parameters,
 * one at a time through the service's pool, until it has run `BENCH_RUNS`
 * times or for `BENCH_SECONDS` seconds, whichever comes first. The script
 * prints P50, P95 and P99 per statement and compares P95 with the 5 ms target.
 *
 *   npx tsc -b bench && node bench/dist/search-hot-queries.js
 *
 * Environment: BENCH_RUNS (default 2000), BENCH_SECONDS per statement
 * (default 60), BENCH_SYNTHETIC_COUNT (default 100000; 0 measures the real
 * data alone). The exit status is 1 when a P95 misses the target.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import {
  findDataDir,
  importScholarships,
  loadSyntheticScholarships,
} from '@scholarships/catalog/import';
import { migrations as catalogMigrations } from '@scholarships/catalog/migrations';
import { createDatabase, type Database, migrateLatest } from '@scholarships/db';
import { startPostgres } from '@scholarships/local-infra';
import { migrations as searchMigrations } from '@scholarships/search/migrations';
import { searchWarmupStatements } from '@scholarships/search/search';
import { refreshSearchTerms } from '@scholarships/search/terms';
import { formatLatencyTable, type LatencyRow, latencyRow } from './latency-table';
import { type SearchWorkload, searchWorkloads } from './search-workloads';

const RUNS = Math.min(Number(process.env.BENCH_RUNS ?? 2000), 100_000);
const SECONDS_PER_STATEMENT = Math.min(Number(process.env.BENCH_SECONDS ?? 60), 600);
const WARMUP_RUNS = 50;
const P95_TARGET_MS = 5;
/** Date the deadlines are projected from and the statements' today. */
const TODAY = '2026-12-04';
const SYNTHETIC = {
  seed: 42,
  count: Math.min(Number(process.env.BENCH_SYNTHETIC_COUNT ?? 100_000), 1_000_000),
};
/**
 * Server settings of the run. Shared buffers of 256 MB keep the table and its
 * indexes in memory, as a production server's would. The local-infra default
 * of 32 MB suits tests only.
 */
const SERVER_SETTINGS = { shared_buffers: '256MB' };

/** Small seeded generator (mulberry32), so that every run draws the same parameters. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function loadData(db: Database): Promise<number> {
  const startedAt = Date.now();
  const dataDir = findDataDir(__dirname);
  await importScholarships(db.knex, { dataDir, today: TODAY });
  await loadSyntheticScholarships(db.knex, { dataDir, ...SYNTHETIC, today: TODAY });
  await refreshSearchTerms(db.knex, true);
  await db.knex.raw('VACUUM ANALYZE scholarships');
  await db.knex.raw('VACUUM ANALYZE search_terms');
  return (Date.now() - startedAt) / 1000;
}

/** Runs a workload until `RUNS` runs or the time budget, and returns each duration in ms. */
async function timeWorkload(db: Database, workload: SearchWorkload, runs: number) {
  const durations: number[] = [];
  const deadline = Date.now() + SECONDS_PER_STATEMENT * 1000;
  while (durations.length < runs && Date.now() < deadline) {
    const statement = workload.build();
    const startedAt = process.hrtime.bigint();
    await db.query(statement);
    durations.push(Number(process.hrtime.bigint() - startedAt) / 1e6);
  }
  return durations;
}

async function rowCounts(db: Database): Promise<string> {
  const result = await db.pool.query<{ scholarships: number; synthetic: number; terms: number }>(
    `SELECT (SELECT count(*)::int FROM scholarships) AS scholarships,
            (SELECT count(*)::int FROM scholarships WHERE source_key LIKE 'synthetic:%') AS synthetic,
            (SELECT count(*)::int FROM search_terms) AS terms`,
  );
  const row = result.rows[0];
  if (!row) return 'unknown';
  return (
    `${row.scholarships} scholarships (${row.scholarships - row.synthetic} real, ` +
    `${row.synthetic} synthetic), ${row.terms} search terms`
  );
}

async function serverVersion(db: Database): Promise<string> {
  const result = await db.pool.query<{ server_version: string }>('SHOW server_version');
  return result.rows[0]?.server_version ?? 'unknown';
}

function machine(): string {
  const cpu = cpus();
  return (
    `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB RAM; Node.js ${process.version}`
  );
}

async function measure(db: Database): Promise<LatencyRow[]> {
  const rows: LatencyRow[] = [];
  const random = seededRandom(SYNTHETIC.seed);
  for (const workload of searchWorkloads(db.knex, TODAY, random)) {
    await timeWorkload(db, workload, WARMUP_RUNS);
    const durations = await timeWorkload(db, workload, RUNS);
    rows.push(latencyRow(workload.build().name, workload.label, durations));
  }
  return rows;
}

async function main(): Promise<void> {
  const postgres = await startPostgres({ ephemeral: true, settings: SERVER_SETTINGS });
  const db = createDatabase({
    connectionString: postgres.connectionString,
    applicationName: 'bench-search',
    poolMin: 1,
    poolMax: 1,
    statementTimeoutMs: 600_000,
  });
  try {
    await migrateLatest(db.knex, { service: 'catalog', migrations: catalogMigrations });
    await migrateLatest(db.knex, { service: 'search', migrations: searchMigrations });
    const loadSeconds = await loadData(db);
    await db.warm(searchWarmupStatements(db.knex, TODAY));
    const loadBefore = loadavg()[0] ?? 0;
    const rows = await measure(db);
    const loadAfter = loadavg()[0] ?? 0;
    const settings = Object.entries(SERVER_SETTINGS).map(([name, value]) => `${name}=${value}`);
    process.stdout.write(
      [
        `machine: ${machine()}; load average ${loadBefore.toFixed(2)} before, ` +
          `${loadAfter.toFixed(2)} after`,
        `PostgreSQL ${await serverVersion(db)} (ephemeral: fsync off, ${settings.join(', ')}, ` +
          'same host)',
        `rows: ${await rowCounts(db)}; loaded in ${loadSeconds.toFixed(1)} s`,
        `runs: up to ${RUNS} per statement or ${SECONDS_PER_STATEMENT} s, after ${WARMUP_RUNS} ` +
          'warm-up runs, one at a time through the pg pool with named prepared statements',
        '',
        formatLatencyTable(rows, P95_TARGET_MS),
        '',
      ].join('\n'),
    );
    process.exitCode = rows.every((row) => row.p95 < P95_TARGET_MS) ? 0 : 1;
  } finally {
    await db.close();
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`search-hot-queries failed: ${String(error)}\n`);
  process.exitCode = 1;
});

/**
 * Latency of the catalog's hot prepared statements on the large catalog:
 * the real data sets, 100,000 synthetic scholarships (seed 42) and about
 * 200,000 synthetic interactions over 20,000 users, on an ephemeral
 * PostgreSQL of its own. Each statement runs a fixed number of times, one
 * at a time through the service's pool, with parameters drawn from the
 * loaded rows. The script prints P50, P95 and P99 per statement and
 * compares P95 with the 5 ms target.
 *
 *   npx tsc -b bench && node bench/dist/catalog-hot-queries.js
 *
 * Set BENCH_RUNS to change the runs per statement (default 5000).
 */
import { migrations } from '@scholarships/catalog/migrations';
import { LARGE_CATALOG, loadLargeCatalog } from '@scholarships/catalog/sample-data';
import {
  catalogStatements,
  savedScholarships,
  scholarshipById,
  scholarshipsByIds,
} from '@scholarships/catalog/statements';
import type { Database } from '@scholarships/db';
import { integerSetting } from './bench-settings';
import { createLatencyTable, printLatencyTable } from './catalog-latency-table';
import { openHotQueryDatabase, showServerVersion } from './hot-query-database';
import { seededRandom } from './load/random';
import { describeMachine } from './machine';
import { timeStatement } from './time-statement';

/** Runs per statement; bounded so the script always ends. */
const RUNS = integerSetting('BENCH_RUNS', 5000, 1, 100_000);
const WARMUP_RUNS = 200;
const P95_TARGET_MS = 5;
const SAVED_PAGE_SIZE = 20;

interface Samples {
  ids: string[];
  savers: string[];
}

async function loadSamples(db: Database): Promise<Samples> {
  const ids = await db.knex('scholarships').select('id').orderByRaw('md5(id::text)').limit(5000);
  const savers = await db
    .knex('user_interactions')
    .distinct('user_id')
    .where('interaction_type', 'saved')
    .orderBy('user_id');
  return {
    ids: ids.map((row: { id: string }) => row.id),
    savers: savers.map((row: { user_id: string }) => row.user_id),
  };
}

/** Builders of each hot statement with a fresh, varied parameter per run. */
function workloads(db: Database, samples: Samples, random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  return [
    { label: 'by id', build: () => scholarshipById(db.knex, pick(samples.ids)) },
    {
      label: 'batch of 20',
      build: () =>
        scholarshipsByIds(
          db.knex,
          Array.from({ length: 20 }, () => pick(samples.ids)),
        ),
    },
    {
      label: 'saved list, first page',
      build: () => savedScholarships(db.knex, pick(samples.savers), undefined, SAVED_PAGE_SIZE + 1),
    },
  ];
}

async function main(): Promise<void> {
  const {
    db,
    loaded: counts,
    loadSeconds,
    stop,
  } = await openHotQueryDatabase({
    applicationName: 'bench-catalog',
    poolMax: 1,
    // Loading takes single statements past the 5-second default limit on a busy machine.
    statementTimeoutMs: 120_000,
    migrations: [{ service: 'catalog', migrations }],
    load: (loading) => loadLargeCatalog(loading.knex),
  });
  try {
    const samples = await loadSamples(db);
    await db.warm(catalogStatements(db.knex));

    const random = seededRandom(LARGE_CATALOG.syntheticSeed);
    const table = createLatencyTable();
    for (const workload of workloads(db, samples, random)) {
      await timeStatement(db, workload.build, { runs: WARMUP_RUNS });
      const durations = await timeStatement(db, workload.build, { runs: RUNS });
      table.add(workload.build().name, workload.label, durations);
    }

    process.stdout.write(
      [
        `machine: ${describeMachine()}; ` +
          `PostgreSQL ${await showServerVersion(db)} (ephemeral: fsync off, same host)`,
        `rows: ${counts.scholarships} scholarships, ${counts.interactions} interactions ` +
          `over ${LARGE_CATALOG.interactionUsers} users (${samples.savers.length} with saves); ` +
          `loaded in ${loadSeconds.toFixed(1)} s`,
        `runs: ${RUNS} per statement after ${WARMUP_RUNS} warm-up runs, one at a time, ` +
          'through the pg pool with named prepared statements',
        '',
      ].join('\n'),
    );
    const allMet = printLatencyTable(table.rows(), P95_TARGET_MS);
    process.exitCode = allMet ? 0 : 1;
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`catalog-hot-queries failed: ${String(error)}\n`);
  process.exitCode = 1;
});

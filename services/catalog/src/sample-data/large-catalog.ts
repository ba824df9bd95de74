import type { Knex } from 'knex';
import { findDataDir, importScholarships, loadSyntheticScholarships } from '../import';
import { loadSyntheticInteractions } from './synthetic-interactions';

/** Seed and size of the synthetic scholarships that query plans and benchmarks are checked on. */
export const LARGE_CATALOG = {
  syntheticSeed: 42,
  syntheticCount: 100_000,
  interactionRows: 200_000,
  interactionUsers: 20_000,
  interactionSeed: 0.42,
  /** Fixed so that projected deadlines, and with them the rows, are the same on every run. */
  today: '2025-12-04',
} as const;

/** Row counts of a loaded large catalog. */
export interface LargeCatalogCounts {
  scholarships: number;
  interactions: number;
}

/**
 * Loads the real data sets, 100,000 synthetic scholarships (seed 42) and
 * about 200,000 synthetic interactions over 20,000 users into a migrated,
 * empty catalog, then runs ANALYZE so the planner's statistics match the loaded sizes.
 */
export async function loadLargeCatalog(
  knex: Knex,
  dataDir: string = findDataDir(__dirname),
): Promise<LargeCatalogCounts> {
  await importScholarships(knex, { dataDir, today: LARGE_CATALOG.today });
  await loadSyntheticScholarships(knex, {
    dataDir,
    seed: LARGE_CATALOG.syntheticSeed,
    count: LARGE_CATALOG.syntheticCount,
    today: LARGE_CATALOG.today,
  });
  const interactions = await loadSyntheticInteractions(knex, {
    rows: LARGE_CATALOG.interactionRows,
    users: LARGE_CATALOG.interactionUsers,
    seed: LARGE_CATALOG.interactionSeed,
  });
  await knex.raw('ANALYZE scholarships, user_interactions');
  const [row] = await knex('scholarships').count<{ count: string }[]>({ count: '*' });
  return { scholarships: Number(row?.count), interactions };
}

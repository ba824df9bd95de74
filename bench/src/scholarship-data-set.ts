import {
  findDataDir,
  importScholarships,
  loadSyntheticScholarships,
} from '@scholarships/catalog/import';
import type { Knex } from '@scholarships/db';

/** The scholarships that a benchmark loads: the real data sets plus synthetic rows. */
export interface ScholarshipDataSet {
  /** Date (YYYY-MM-DD) that deadlines are projected from. */
  today: string;
  /** Seed of the synthetic rows, so every run loads the same rows. */
  syntheticSeed: number;
  /** Number of synthetic scholarships added to the real data. 0 loads the real data alone. */
  syntheticCount: number;
}

/** Wall-clock seconds of each step of `loadScholarships`. */
export interface ScholarshipLoadTimes {
  importSeconds: number;
  syntheticSeconds: number;
}

async function timeSeconds(action: () => Promise<unknown>): Promise<number> {
  const startedAt = Date.now();
  await action();
  return (Date.now() - startedAt) / 1000;
}

/**
 * Imports the real data sets from the repository's data directory, then adds the synthetic
 * scholarships generated from them. Runs no VACUUM or ANALYZE, which the caller does once
 * its own rows are in.
 */
export async function loadScholarships(
  knex: Knex,
  dataSet: ScholarshipDataSet,
): Promise<ScholarshipLoadTimes> {
  const dataDir = findDataDir(__dirname);
  const importSeconds = await timeSeconds(() =>
    importScholarships(knex, { dataDir, today: dataSet.today }),
  );
  const syntheticSeconds = await timeSeconds(() =>
    loadSyntheticScholarships(knex, {
      dataDir,
      seed: dataSet.syntheticSeed,
      count: dataSet.syntheticCount,
      today: dataSet.today,
    }),
  );
  return { importSeconds, syntheticSeconds };
}

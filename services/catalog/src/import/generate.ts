import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { toScholarshipRow } from './db/scholarship-row';
import { type UpsertCounts, upsertScholarships } from './db/upsert-scholarships';
import { mulberry32, pickOne } from './generate/prng';
import { deriveSyntheticRecord } from './generate/synthetic-record';
import { mergeRecords } from './merge/merge-records';
import { parseIsoDate } from './normalize/calendar-date';
import { readAllSources } from './read-sources';
import type { ProgressListener, ScholarshipRecord } from './types';

/** Default number of synthetic rows. */
export const DEFAULT_SYNTHETIC_COUNT = 100_000;
/** 1,000 rows of 22 columns per statement stay below pg's 65,535 parameters. */
const SYNTHETIC_BATCH_SIZE = 1_000;

/**
 * Generates `count` synthetic scholarships from real records. Each row's base
 * record is drawn uniformly, so the mix of sources, amounts and restrictions
 * follows the real data. The output depends only on the inputs, and a
 * larger `count` with the same seed extends the same sequence.
 */
export function generateScholarships(
  base: readonly ScholarshipRecord[],
  seed: number,
  count: number,
): ScholarshipRecord[] {
  if (base.length === 0) {
    throw new Error('Cannot generate scholarships without real records to derive them from.');
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    throw new Error(`Invalid seed ${seed}: expected a whole number from 0 to 4294967295.`);
  }
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, index) =>
    deriveSyntheticRecord(random, pickOne(random, base), { seed, index }),
  );
}

/** Options of `loadSyntheticScholarships`. */
export interface SyntheticOptions {
  dataDir: string;
  seed: number;
  count: number;
  /** Date to project recurring deadlines from, `YYYY-MM-DD`. */
  today: string;
  onProgress?: ProgressListener;
}

/** Result of loading synthetic rows. */
export interface SyntheticReport extends UpsertCounts {
  seed: number;
  count: number;
  durationMs: number;
}

/**
 * Generates synthetic scholarships from the real data files and upserts them
 * with source keys `synthetic:<seed>:<index>`. Loading the same seed and
 * count again changes no row.
 */
export async function loadSyntheticScholarships(
  knex: Knex,
  options: SyntheticOptions,
): Promise<SyntheticReport> {
  parseIsoDate(options.today);
  if (!Number.isInteger(options.count) || options.count < 0) {
    throw new Error(
      `Invalid synthetic row count ${options.count}: expected a whole number of 0 or more.`,
    );
  }
  const started = performance.now();
  const read = await readAllSources(options.dataDir);
  const base = mergeRecords(read.records).records;
  const rows = generateScholarships(base, options.seed, options.count).map((record) =>
    toScholarshipRow(record, options.today),
  );
  const counts = await upsertScholarships(knex, rows, {
    batchSize: SYNTHETIC_BATCH_SIZE,
    onBatch: (done, total) => options.onProgress?.({ phase: 'write', source: 'all', done, total }),
  });
  const durationMs = Math.round(performance.now() - started);
  return { seed: options.seed, count: options.count, ...counts, durationMs };
}

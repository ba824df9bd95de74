import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { computeDataChecksum } from './checksum';
import { hasFinishedImport, recordImportFinish, recordImportStart } from './db/import-runs';
import { toScholarshipRow } from './db/scholarship-row';
import { upsertScholarships } from './db/upsert-scholarships';
import { mergeRecords } from './merge/merge-records';
import { parseIsoDate } from './normalize/calendar-date';
import { readAllSources } from './read-sources';
import { buildImportReport, type ImportReport } from './report';
import type { ProgressListener } from './types';

/** Options of `importScholarships`. */
export interface ImportOptions {
  /** Directory holding the four data sets, such as the repository's `data/scholarships`. */
  dataDir: string;
  /** Date to project recurring deadlines from, `YYYY-MM-DD`. Passed in so that runs are reproducible. */
  today: string;
  onProgress?: ProgressListener;
  /** Rows per INSERT statement and transaction. */
  batchSize?: number;
}

/**
 * Imports the four scholarship data sets into `scholarships`: reads and
 * normalizes every row, merges duplicates by source key, upserts in batches
 * and records the run in `catalog_imports`. Running it again on the same
 * files and date changes no row. A run that throws leaves its
 * `catalog_imports` row without `finished_at`.
 */
export async function importScholarships(
  knex: Knex,
  options: ImportOptions,
): Promise<ImportReport> {
  parseIsoDate(options.today);
  const started = performance.now();
  const checksum = await computeDataChecksum(options.dataDir);
  const runId = await recordImportStart(knex, checksum);
  const read = await readAllSources(options.dataDir, options.onProgress);
  const { records, merged } = mergeRecords(read.records);
  const rows = records.map((record) => toScholarshipRow(record, options.today));
  const counts = await upsertScholarships(knex, rows, {
    batchSize: options.batchSize,
    onBatch: (done, total) => options.onProgress?.({ phase: 'write', source: 'all', done, total }),
  });
  const report = buildImportReport({
    checksum,
    today: options.today,
    rowsRead: read.rowsRead,
    normalized: read.records.length,
    merged,
    distinct: records.length,
    counts,
    skipped: read.skipped,
    durationMs: performance.now() - started,
  });
  await recordImportFinish(knex, runId, report);
  return report;
}

/** Returns whether the current data files (by checksum) were already imported by a finished run. */
export async function isImportCurrent(
  knex: Knex,
  dataDir: string,
  today: string,
): Promise<boolean> {
  return hasFinishedImport(knex, await computeDataChecksum(dataDir), today);
}

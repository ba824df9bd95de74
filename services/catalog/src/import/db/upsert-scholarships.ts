import type { InvalidationEvent } from '@scholarships/contracts';
import { recordEvents } from '@scholarships/outbox';
import type { Knex } from 'knex';
import { CATALOG_OUTBOX_TABLE } from '../../events/outbox-table';
import { lockDeletedImports } from './deleted-imports-lock';
import { IMPORTED_COLUMNS, type ScholarshipRow } from './scholarship-row';

/** Rows per statement and transaction. 400 rows of 22 columns stay far below pg's 65,535 parameters. */
export const DEFAULT_BATCH_SIZE = 400;

/** Row counts of one upsert, by outcome. */
export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows left out because an admin deleted their scholarship (see `deleted_imports`). */
  deletedByAdmin: number;
}

const CHANGED_CONDITION = `(${IMPORTED_COLUMNS.map((column) => `scholarships.${column}`).join(', ')})
  IS DISTINCT FROM (${IMPORTED_COLUMNS.map((column) => `excluded.${column}`).join(', ')})`;

/** Orders rows by source key with a comparison that does not depend on any locale. */
function bySourceKey(left: ScholarshipRow, right: ScholarshipRow): number {
  if (left.source_key === right.source_key) return 0;
  return left.source_key < right.source_key ? -1 : 1;
}

/** A row that the upsert inserted or changed. */
interface WrittenRow {
  id: string;
  version: number;
  inserted: boolean;
}

/**
 * Returns the invalidation events of a batch: one per updated row, so that every gateway drops
 * its stored copy of that scholarship, and one for the first inserted row. A new scholarship has
 * no stored copy yet (only 200 responses are stored), but it changes listings, and any
 * scholarship event moves the catalog generation that search and eligibility keys contain. An
 * initial load of 100,000 rows so records one event per batch rather than 100,000.
 */
function batchEvents(written: readonly WrittenRow[]): InvalidationEvent[] {
  const changed = (row: WrittenRow): InvalidationEvent => ({
    type: 'scholarship.changed',
    scholarshipId: row.id,
    version: row.version,
  });
  const updated = written.filter((row) => !row.inserted).map(changed);
  const firstInserted = written.find((row) => row.inserted);
  return firstInserted === undefined ? updated : [...updated, changed(firstInserted)];
}

/**
 * Inserts or updates one batch with a single statement. A row whose content
 * equals the stored row is left alone, so its `version` and `updated_at`
 * stay; a changed row gets `version + 1`. Source keys must be distinct
 * within the batch. The batch's invalidation events go to the outbox in the
 * same transaction, so caches learn of an import into a running platform.
 *
 * The statement locks rows in the order it writes them, so it writes them by
 * source key. Two imports that contain the same rows in different orders then
 * wait for each other instead of deadlocking, which would abort one of them.
 */
export async function upsertBatch(
  trx: Knex.Transaction,
  rows: readonly ScholarshipRow[],
): Promise<UpsertCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0, deletedByAdmin: 0 };
  await lockDeletedImports(trx, 'shared');
  const deleted = new Set<string>(
    await trx('deleted_imports')
      .whereIn(
        'source_key',
        rows.map((row) => row.source_key),
      )
      .pluck('source_key'),
  );
  const importable = rows.filter((row) => !deleted.has(row.source_key));
  if (importable.length === 0) {
    return { inserted: 0, updated: 0, unchanged: 0, deletedByAdmin: rows.length };
  }
  const updates: Record<string, Knex.Raw | Knex.Ref<string, Record<string, string>>> = {
    version: trx.raw('scholarships.version + 1'),
    updated_at: trx.fn.now(),
  };
  for (const column of IMPORTED_COLUMNS) updates[column] = trx.ref(`excluded.${column}`);
  // PostgreSQL leaves xmax at 0 on a freshly inserted row and sets it on a row
  // that the ON CONFLICT update wrote. This is an implementation detail (checked
  // on PostgreSQL 17), not a documented interface.
  const written: WrittenRow[] = await trx('scholarships')
    .insert([...importable].sort(bySourceKey))
    .onConflict('source_key')
    .merge(updates)
    .whereRaw(CHANGED_CONDITION)
    .returning(['id', 'version', trx.raw('(xmax = 0) AS inserted')]);
  await recordEvents(trx, CATALOG_OUTBOX_TABLE, batchEvents(written));
  const inserted = written.filter((row) => row.inserted).length;
  const updated = written.length - inserted;
  return {
    inserted,
    updated,
    unchanged: importable.length - written.length,
    deletedByAdmin: rows.length - importable.length,
  };
}

/** Options of `upsertScholarships`. */
export interface UpsertOptions {
  batchSize?: number;
  /** Called after each committed batch with the rows written so far. */
  onBatch?: (done: number, total: number) => void;
}

/** Upserts all rows in batches, each in its own transaction, and sums the counts. */
export async function upsertScholarships(
  knex: Knex,
  rows: readonly ScholarshipRow[],
  options: UpsertOptions = {},
): Promise<UpsertCounts> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const totals: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0, deletedByAdmin: 0 };
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const counts = await knex.transaction((trx) => upsertBatch(trx, batch));
    totals.inserted += counts.inserted;
    totals.updated += counts.updated;
    totals.unchanged += counts.unchanged;
    totals.deletedByAdmin += counts.deletedByAdmin;
    options.onBatch?.(start + batch.length, rows.length);
  }
  return totals;
}

import { randomUUID } from 'node:crypto';
import type { ScholarshipDocument } from '@scholarships/api-contract';
import {
  contentColumns,
  type InvalidationEvent,
  SCHOLARSHIP_COLUMNS,
  type ScholarshipRow,
} from '@scholarships/contracts';
import type { Knex } from '@scholarships/db';
import { recordEvents } from '@scholarships/outbox';
import { problems } from '@scholarships/service-kit';
import { CATALOG_OUTBOX_TABLE } from '../events/outbox-table';
import { catalogProblems, conditionMatches, type EntityTagCondition, versionTag } from '../http';
import { lockDeletedImports } from '../import/db/deleted-imports-lock';
import { documentFromRow, isSameDocument } from './write-document';

/** Result of an update: the row as stored after it, and whether anything changed. */
export interface UpdateOutcome {
  row: ScholarshipRow;
  changed: boolean;
}

const RETURNED_COLUMNS = [...SCHOLARSHIP_COLUMNS];
/** Source keys of scholarships created through the admin API; no import ever writes them. */
export const ADMIN_SOURCE_PREFIX = 'admin:';

function changedEvent(row: ScholarshipRow): InvalidationEvent {
  return { type: 'scholarship.changed', scholarshipId: row.id, version: row.version };
}

/**
 * Inserts a scholarship created by an admin, with the source key
 * `admin:<uuid>` and the admin's user id as its source reference, and
 * records its `scholarship.changed` event in the same transaction.
 */
export function createScholarship(
  knex: Knex,
  document: ScholarshipDocument,
  userId: string,
): Promise<ScholarshipRow> {
  return knex.transaction(async (trx) => {
    const [row] = await trx('scholarships')
      .insert({
        ...contentColumns(document),
        source_key: `${ADMIN_SOURCE_PREFIX}${randomUUID()}`,
        sources: JSON.stringify([{ source: 'admin', ref: userId }]),
      })
      .returning<ScholarshipRow[]>(RETURNED_COLUMNS);
    if (!row) throw new Error('INSERT INTO scholarships returned no row');
    await recordEvents(trx, CATALOG_OUTBOX_TABLE, [changedEvent(row)]);
    return row;
  });
}

/** Locks the row for the rest of the transaction, so the version checked is the version replaced. */
async function lockForWrite(trx: Knex.Transaction, id: string): Promise<ScholarshipRow> {
  const row = await trx('scholarships')
    .select(RETURNED_COLUMNS)
    .where('id', id)
    .forUpdate()
    .first<ScholarshipRow | undefined>();
  if (!row) throw problems.notFound('Scholarship', id);
  return row;
}

/** RFC 9110 §13.1.1: a write proceeds only when If-Match names the current version. */
function assertCondition(condition: EntityTagCondition, row: ScholarshipRow, sent: string): void {
  if (!conditionMatches(condition, row)) {
    throw catalogProblems.versionMismatch(sent, versionTag(row));
  }
}

/**
 * Replaces the writable fields with the document that `nextDocument` builds
 * from the locked row, increments `version`, sets `updated_at`, and records
 * the `scholarship.changed` event, all in one transaction. A document equal
 * to the stored one writes nothing, keeps the version and records no event.
 */
export function updateScholarship(
  knex: Knex,
  id: string,
  condition: { parsed: EntityTagCondition; sent: string },
  nextDocument: (current: ScholarshipDocument) => ScholarshipDocument,
): Promise<UpdateOutcome> {
  return knex.transaction(async (trx) => {
    const current = await lockForWrite(trx, id);
    assertCondition(condition.parsed, current, condition.sent);
    const currentDocument = documentFromRow(current);
    const next = nextDocument(currentDocument);
    if (isSameDocument(currentDocument, next)) return { row: current, changed: false };
    const [row] = await trx('scholarships')
      .where('id', id)
      .update({
        ...contentColumns(next),
        version: trx.raw('version + 1'),
        updated_at: trx.fn.now(),
      })
      .returning<ScholarshipRow[]>(RETURNED_COLUMNS);
    if (!row) throw new Error(`UPDATE of locked scholarship ${id} returned no row`);
    await recordEvents(trx, CATALOG_OUTBOX_TABLE, [changedEvent(row)]);
    return { row, changed: true };
  });
}

/**
 * Deletes the scholarship (its interactions cascade) and records `scholarship.deleted`. The source
 * key of an imported one goes to `deleted_imports`, so that later imports leave it out.
 */
export function deleteScholarship(
  knex: Knex,
  id: string,
  condition: { parsed: EntityTagCondition; sent: string },
): Promise<void> {
  return knex.transaction(async (trx) => {
    // A source key never changes, so it can be read before the locks. Only an imported
    // scholarship can come back with an import, so only its delete waits for import batches.
    const source = await trx('scholarships')
      .where('id', id)
      .first<{ source_key: string }>('source_key');
    if (source !== undefined && !source.source_key.startsWith(ADMIN_SOURCE_PREFIX)) {
      await lockDeletedImports(trx, 'exclusive');
    }
    const current = await lockForWrite(trx, id);
    assertCondition(condition.parsed, current, condition.sent);
    const [deleted] = await trx('scholarships')
      .where('id', id)
      .delete()
      .returning<Array<{ source_key: string }>>(['source_key']);
    if (deleted !== undefined && !deleted.source_key.startsWith(ADMIN_SOURCE_PREFIX)) {
      await trx('deleted_imports')
        .insert({ source_key: deleted.source_key, scholarship_id: id })
        .onConflict('source_key')
        .merge();
    }
    await recordEvents(trx, CATALOG_OUTBOX_TABLE, [
      { type: 'scholarship.deleted', scholarshipId: id },
    ]);
  });
}

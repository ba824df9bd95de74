import type { Knex } from '@scholarships/db';
import { recordEvents } from '@scholarships/outbox';
import { CATALOG_OUTBOX_TABLE } from '../events/outbox-table';
import { type ChangedScholarship, scholarshipChanged } from '../events/scholarship-changed';
import { nextDeadline } from '../import/normalize/next-deadline';
import { ADMIN_SOURCE_PREFIX } from '../scholarships/scholarship-writes';

/** Rows moved per transaction. */
const BATCH_SIZE = 500;

interface PastDeadline {
  id: string;
  /** `YYYY-MM-DD`, formatted by PostgreSQL so that no time zone shifts it. */
  published: string;
}

/**
 * Moves every imported deadline that has passed to its next yearly occurrence on or after
 * `today`, as an import on that day would, and records one `scholarship.changed` event per moved
 * row in the same transaction. Deadlines of scholarships created by an admin stay as they are.
 * Rows locked by another writer are skipped, so two replicas can run this at once. Returns the
 * number of rows moved.
 */
export async function rollPastDeadlines(
  knex: Knex,
  today: string,
  options: { batchSize?: number; stopped?: () => boolean } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? BATCH_SIZE;
  let moved = 0;
  // A stop ends the run after the batch in progress; the next check moves the rest.
  while (options.stopped?.() !== true) {
    const count = await knex.transaction((trx) => rollBatch(trx, today, batchSize));
    moved += count;
    if (count < batchSize) break;
  }
  return moved;
}

async function rollBatch(trx: Knex.Transaction, today: string, limit: number): Promise<number> {
  const rows: PastDeadline[] = await trx('scholarships')
    .select('id', trx.raw(`to_char(deadline_published, 'YYYY-MM-DD') AS published`))
    .where('deadline', '<', today)
    .whereNotNull('deadline_published')
    .whereNot('source_key', 'like', `${ADMIN_SOURCE_PREFIX}%`)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked();
  if (rows.length === 0) return 0;
  const next = rows.map((row) => nextDeadline(row.published, today));
  const written = await trx.raw<{ rows: ChangedScholarship[] }>(
    `UPDATE scholarships AS s
        SET deadline = moved.deadline, deadline_estimated = moved.estimated,
            version = s.version + 1, updated_at = now()
       FROM unnest(?::uuid[], ?::date[], ?::boolean[]) AS moved(id, deadline, estimated)
      WHERE s.id = moved.id
  RETURNING s.id, s.version`,
    [
      rows.map((row) => row.id),
      next.map((deadline) => deadline.next),
      next.map((d) => d.estimated),
    ],
  );
  await recordEvents(trx, CATALOG_OUTBOX_TABLE, written.rows.map(scholarshipChanged));
  return written.rows.length;
}

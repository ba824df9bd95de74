import { recordEvents } from '@scholarships/outbox';
import type { Knex } from 'knex';
import { CATALOG_OUTBOX_TABLE } from '../events/outbox-table';
import { type ChangedScholarship, scholarshipChanged } from '../events/scholarship-changed';

/**
 * Stores no minimum GPA where an admin write stored 0. Every GPA meets a minimum of 0.0, but the
 * eligibility check treats any stored minimum as a restriction and reports a profile without a
 * GPA as possibly eligible. The admin API now rejects 0, and the importer already stores null.
 *
 * Each row changes as an admin write would change it: its version goes up, `updated_at` is set,
 * and a `scholarship.changed` event with the new version is recorded in the same transaction.
 * Without the event, gateways would keep serving their stored copies with the old `minGpa` under
 * an entity tag that still matched.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    const written = await trx.raw<{ rows: ChangedScholarship[] }>(`
      UPDATE scholarships
         SET min_gpa = NULL, version = version + 1, updated_at = now()
       WHERE min_gpa = 0
   RETURNING id, version`);
    await recordEvents(trx, CATALOG_OUTBOX_TABLE, written.rows.map(scholarshipChanged));
  });
}

/**
 * Does nothing, because a minimum of 0 and no minimum admit the same students, and the rows that
 * held 0 are no longer known.
 */
export async function down(): Promise<void> {}

import type { InteractionType } from '@scholarships/contracts';
import type { Knex } from '@scholarships/db';
import { problems } from '@scholarships/service-kit';

/** Result of recording an interaction: whether a row was added, and when the state began. */
export interface InteractionOutcome {
  created: boolean;
  createdAt: Date;
}

/** SQLSTATE of a foreign key violation: the scholarship id names no row. */
const FOREIGN_KEY_VIOLATION = '23503';

/** States that replace each other: saving undoes a dismissal, and dismissing removes the save. */
const OPPOSITE_STATE: Partial<Record<InteractionType, InteractionType>> = {
  saved: 'dismissed',
  dismissed: 'saved',
};

/**
 * Records one interaction of a user with a scholarship.
 *
 * `viewed` appends a row on every call, as a view history. `saved`,
 * `applied` and `dismissed` are states held at most once per user and
 * scholarship: repeating one adds nothing and keeps its original time.
 * Saving removes a dismissal and dismissing removes the save, so a dismissed
 * scholarship leaves the saved list. A transaction-scoped advisory lock on
 * the user and scholarship serializes concurrent calls for the same pair,
 * so two simultaneous saves still leave one row. Throws a 404 problem when
 * the scholarship does not exist.
 */
export async function recordInteraction(
  knex: Knex,
  userId: string,
  scholarshipId: string,
  type: InteractionType,
): Promise<InteractionOutcome> {
  try {
    if (type === 'viewed') return await insertInteraction(knex, userId, scholarshipId, type);
    return await knex.transaction((trx) => recordState(trx, userId, scholarshipId, type));
  } catch (error) {
    if ((error as { code?: unknown }).code === FOREIGN_KEY_VIOLATION) {
      throw problems.notFound('Scholarship', scholarshipId);
    }
    throw error;
  }
}

async function recordState(
  trx: Knex.Transaction,
  userId: string,
  scholarshipId: string,
  type: InteractionType,
): Promise<InteractionOutcome> {
  await trx.raw('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [
    `user_interactions:${userId}:${scholarshipId}`,
  ]);
  // The scholarship is locked before any interaction row, in the order a scholarship's delete
  // takes them (the row, then its interactions by cascade). Locked the other way round, a
  // delete and a save deadlocked: PostgreSQL aborted one after a second, and both returned 500.
  const scholarship = await trx('scholarships')
    .select('id')
    .where({ id: scholarshipId })
    .forKeyShare()
    .first();
  if (scholarship === undefined) throw problems.notFound('Scholarship', scholarshipId);
  const opposite = OPPOSITE_STATE[type];
  if (opposite) {
    await trx('user_interactions')
      .where({ user_id: userId, scholarship_id: scholarshipId, interaction_type: opposite })
      .delete();
  }
  const existing = await trx('user_interactions')
    .select('created_at')
    .where({ user_id: userId, scholarship_id: scholarshipId, interaction_type: type })
    .orderBy('id')
    .first<{ created_at: Date } | undefined>();
  if (existing) return { created: false, createdAt: existing.created_at };
  return insertInteraction(trx, userId, scholarshipId, type);
}

async function insertInteraction(
  knex: Knex,
  userId: string,
  scholarshipId: string,
  type: InteractionType,
): Promise<InteractionOutcome> {
  const [row] = await knex('user_interactions')
    .insert({ user_id: userId, scholarship_id: scholarshipId, interaction_type: type })
    .returning<{ created_at: Date }[]>('created_at');
  if (!row) throw new Error('INSERT INTO user_interactions returned no row');
  return { created: true, createdAt: row.created_at };
}

/** Removes the saved state; removing a save that does not exist changes nothing. */
export async function removeSaved(
  knex: Knex,
  userId: string,
  scholarshipId: string,
): Promise<void> {
  await knex('user_interactions')
    .where({ user_id: userId, scholarship_id: scholarshipId, interaction_type: 'saved' })
    .delete();
}

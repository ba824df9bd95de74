import type { Knex } from 'knex';

const INDEX_NAME = 'idx_interactions_user_scholarship';

/**
 * Indexes interactions by user, then scholarship and type: the saved list
 * and every interaction write look rows up by user first.
 *
 * `CREATE INDEX CONCURRENTLY` does not block writes to `user_interactions`
 * while the index builds, and cannot run inside a transaction, hence
 * `config.transaction: false`. A concurrent build that failed or was
 * cancelled leaves an invalid index of the same name behind, which
 * `IF NOT EXISTS` would keep, so an invalid leftover is dropped first.
 */
export async function up(knex: Knex): Promise<void> {
  if (await hasInvalidIndex(knex)) {
    await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS ??', [INDEX_NAME]);
  }
  await knex.raw(
    'CREATE INDEX CONCURRENTLY IF NOT EXISTS ?? ON user_interactions (user_id, scholarship_id, interaction_type)',
    [INDEX_NAME],
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS ??', [INDEX_NAME]);
}

export const config = { transaction: false };

async function hasInvalidIndex(knex: Knex): Promise<boolean> {
  const result = await knex.raw<{ rows: unknown[] }>(
    `SELECT 1 FROM pg_index
       JOIN pg_class ON pg_class.oid = pg_index.indexrelid
      WHERE pg_class.relname = ? AND pg_class.relnamespace = current_schema()::regnamespace
        AND NOT pg_index.indisvalid`,
    [INDEX_NAME],
  );
  return result.rows.length > 0;
}

import type { Knex } from 'knex';

export interface SyntheticInteractionOptions {
  /** Rows generated before duplicates are dropped. */
  rows: number;
  /** Distinct users `user-1` to `user-<users>` that the rows are spread over. */
  users: number;
  /** Seed of PostgreSQL's `random()`, from -1 to 1, so a run is repeatable on the same catalog. */
  seed: number;
}

/**
 * Inserts synthetic interactions over the scholarships already loaded, in
 * one statement: users and scholarships drawn uniformly, 40% views, 40%
 * saves, 10% applications and 10% dismissals, with times over the past
 * year. DISTINCT ON drops repeated (user, scholarship, type) draws, so each
 * state occurs at most once, as the catalog's own writes keep it. Returns
 * the number of rows inserted, which is slightly below `rows`.
 */
export async function loadSyntheticInteractions(
  knex: Knex,
  options: SyntheticInteractionOptions,
): Promise<number> {
  return knex.transaction(async (trx) => {
    // setseed applies to the session, so it runs on the transaction's connection.
    await trx.raw('SELECT setseed(?)', [options.seed]);
    const result = await trx.raw<{ rowCount: number }>(
      `WITH catalog AS (SELECT array_agg(id ORDER BY id) AS ids FROM scholarships),
       drawn AS (
         SELECT 'user-' || (1 + floor(random() * ?))::int AS user_id,
                ids[1 + floor(random() * cardinality(ids))::int] AS scholarship_id,
                (ARRAY['viewed', 'viewed', 'viewed', 'viewed', 'saved', 'saved', 'saved', 'saved',
                       'applied', 'dismissed'])[1 + floor(random() * 10)::int] AS interaction_type,
                now() - random() * interval '365 days' AS created_at
           FROM generate_series(1, ?), catalog
       )
       INSERT INTO user_interactions (user_id, scholarship_id, interaction_type, created_at)
       SELECT DISTINCT ON (user_id, scholarship_id, interaction_type)
              user_id, scholarship_id, interaction_type, created_at
         FROM drawn`,
      [options.users, options.rows],
    );
    return result.rowCount;
  });
}

import type { Knex } from '@scholarships/db';

/**
 * Creates `search_catalog_changes`, one row per transaction that changed a
 * column facets read, so that a search process can tell whether the facet
 * snapshot it holds in memory is still the catalogue's current state.
 *
 * - `xid` is the writing transaction's id (`pg_current_xact_id()`). A
 *   snapshot is current while every change row that a new statement can see
 *   is also visible in the snapshot the facets were loaded with
 *   (`pg_visible_in_snapshot`). Rows below the snapshot's `xmin` are visible
 *   to it by definition, so only the rows above it can count.
 * - A statement-level trigger adds the row, and `ON CONFLICT DO NOTHING`
 *   keeps one row per transaction however many statements it runs. The rows
 *   of different transactions never conflict, so concurrent catalogue writes
 *   do not wait for each other here, unlike with one counter row, whose lock
 *   two transactions that write scholarships in several statements could
 *   take in opposite orders and deadlock on.
 * - Updates fire the trigger only when they set a column that facets read:
 *   the four eligibility lists, the basis, the deadline and the amounts.
 * - A search process deletes the rows below the `xmin` of a snapshot it
 *   read more than fifteen minutes earlier. Snapshots are read again after
 *   ten minutes, so every snapshot in use is newer and sees those
 *   transactions. `changed_at` is kept for operators.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE search_catalog_changes (
      xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
      changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      CONSTRAINT search_catalog_changes_pkey PRIMARY KEY (xid)
    )`);
  await knex.raw(`
    CREATE FUNCTION search_note_catalog_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $function$
    BEGIN
      INSERT INTO search_catalog_changes DEFAULT VALUES ON CONFLICT (xid) DO NOTHING;
      RETURN NULL;
    END
    $function$`);
  await knex.raw(`
    CREATE TRIGGER search_catalog_changes_note
      AFTER INSERT OR DELETE OR TRUNCATE
        OR UPDATE OF field_of_study, grade_level, citizenship, state, basis, deadline,
          award_amount_min, award_amount_max, award_currency
      ON scholarships
      FOR EACH STATEMENT EXECUTE FUNCTION search_note_catalog_change()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS search_catalog_changes_note ON scholarships');
  await knex.raw('DROP FUNCTION IF EXISTS search_note_catalog_change()');
  await knex.raw('DROP TABLE IF EXISTS search_catalog_changes');
}

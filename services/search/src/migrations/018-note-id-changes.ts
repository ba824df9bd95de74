import type { Knex } from '@scholarships/db';

const NOTED_COLUMNS =
  'field_of_study, grade_level, citizenship, state, basis, deadline, award_amount_min, award_amount_max, award_currency, name, provider, description, ethnicity, gender';

/**
 * Makes updates of `id` note a catalogue change too. The keyword index keeps
 * its scholarships in id order and breaks ties of a sort key by id, as the
 * search statements do, so a row whose id changed can move between pages
 * while the index still places it by its old id.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE OR REPLACE TRIGGER search_catalog_changes_note
      AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF id, ${NOTED_COLUMNS}
      ON scholarships
      FOR EACH STATEMENT EXECUTE FUNCTION search_note_catalog_change()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE OR REPLACE TRIGGER search_catalog_changes_note
      AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF ${NOTED_COLUMNS}
      ON scholarships
      FOR EACH STATEMENT EXECUTE FUNCTION search_note_catalog_change()`);
}

import type { Knex } from '@scholarships/db';

const FACET_COLUMNS =
  'field_of_study, grade_level, citizenship, state, basis, deadline, award_amount_min, award_amount_max, award_currency';

/**
 * Makes updates of the columns that the search documents are built from
 * (name, provider, description, ethnicity and gender, besides the field of
 * study) note a catalogue change too. The keyword index in the search
 * process's memory holds those documents, so such an update must make its
 * check fail as a facet column does. `search_document` and `name_document`
 * are generated, and `UPDATE OF` only sees columns that a statement sets.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE OR REPLACE TRIGGER search_catalog_changes_note
      AFTER INSERT OR DELETE OR TRUNCATE
        OR UPDATE OF ${FACET_COLUMNS}, name, provider, description, ethnicity, gender
      ON scholarships
      FOR EACH STATEMENT EXECUTE FUNCTION search_note_catalog_change()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE OR REPLACE TRIGGER search_catalog_changes_note
      AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF ${FACET_COLUMNS}
      ON scholarships
      FOR EACH STATEMENT EXECUTE FUNCTION search_note_catalog_change()`);
}

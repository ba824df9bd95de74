import type { Knex } from '@scholarships/db';

/**
 * Builds the full-text document of a scholarship, weighted for ranking: name
 * A, provider and fields of study B, description C. Field-of-study codes such
 * as `computer_science` are split on `_` so that they match the words a
 * student types.
 *
 * It is a function, rather than an expression written into the column, because
 * a generated column accepts only IMMUTABLE expressions and `array_to_string`
 * is only STABLE in general. On `text[]` its result cannot change, so the
 * IMMUTABLE label is correct here.
 *
 * NOTE: replacing this function does not recompute stored documents. A
 * migration that changes it must also rewrite the column with
 * `ALTER TABLE scholarships ALTER COLUMN search_document SET EXPRESSION AS (...)`,
 * and then call `rebuildNamePostings`, because the rewrite fires no trigger.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION search_scholarship_document(
      name text,
      provider text,
      description text,
      field_of_study text[]
    ) RETURNS tsvector
    LANGUAGE sql
    IMMUTABLE
    PARALLEL SAFE
    RETURN
      setweight(to_tsvector('english'::regconfig, coalesce(name, '')), 'A')
      || setweight(
        to_tsvector(
          'english'::regconfig,
          coalesce(provider, '') || ' ' || translate(array_to_string(field_of_study, ' '), '_', ' ')
        ),
        'B'
      )
      || setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'C')
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP FUNCTION IF EXISTS search_scholarship_document(text, text, text, text[])');
}

import type { Knex } from '@scholarships/db';
import { rebuildNamePostings } from './name-postings';

/**
 * Adds the ethnicity and gender restrictions to the weight-B part of the
 * full-text document, so that `hispanic` finds the scholarships restricted to
 * Hispanic students whose text never says so (CHCI, GOYA Foods), and `women`
 * finds those restricted to female students (Google Anita Borg Memorial).
 * Gender values are stored as `female` and `male`, while students type
 * `women` or `men`, so each value adds that word too.
 *
 * The new function is an overload with six arguments, and the column switches
 * to it with `SET EXPRESSION` (PostgreSQL 17), which recomputes every stored
 * document. That rewrites `scholarships` under an ACCESS EXCLUSIVE lock, as
 * adding the column did: about 5 s for 103,813 rows on 2 vCPU.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION search_scholarship_document(
      name text,
      provider text,
      description text,
      field_of_study text[],
      ethnicity text[],
      gender text[]
    ) RETURNS tsvector
    LANGUAGE sql
    IMMUTABLE
    PARALLEL SAFE
    RETURN
      setweight(to_tsvector('english'::regconfig, coalesce(name, '')), 'A')
      || setweight(
        to_tsvector(
          'english'::regconfig,
          concat_ws(
            ' ',
            provider,
            translate(array_to_string(field_of_study, ' '), '_', ' '),
            array_to_string(ethnicity, ' '),
            array_to_string(gender, ' '),
            CASE WHEN 'female' = ANY (gender) THEN 'women' END,
            CASE WHEN 'male' = ANY (gender) THEN 'men' END
          )
        ),
        'B'
      )
      || setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'C')
  `);
  await knex.raw(`
    ALTER TABLE scholarships
      ALTER COLUMN search_document SET EXPRESSION AS (
        search_scholarship_document(
          name, provider, description, field_of_study, ethnicity, gender
        )
      )
  `);
  await rebuildNamePostings(knex);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE scholarships
      ALTER COLUMN search_document SET EXPRESSION AS (
        search_scholarship_document(name, provider, description, field_of_study)
      )
  `);
  await rebuildNamePostings(knex);
  await knex.raw(
    'DROP FUNCTION IF EXISTS search_scholarship_document(text, text, text, text[], text[], text[])',
  );
}

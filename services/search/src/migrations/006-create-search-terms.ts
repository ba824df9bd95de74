import type { Knex } from '@scholarships/db';
import { dropExtensionUnlessUsed } from './drop-extension';

/**
 * Creates `search_terms`, the distinct words of the catalogue with the number
 * of scholarships that contain each, for typo correction and search-as-you-type.
 *
 * Words come from the name, provider, fields of study and description, parsed
 * with the `simple` configuration so that they stay as written (`nursing`, not
 * the stem `nurs`). Only words of 3 to 40 letters are kept, and English stop
 * words are left out because no query should be corrected or completed to one.
 *
 * `term` uses the "C" collation, so its primary key also serves prefix ranges
 * (`term >= 'nur' AND term < 'nus'`) with parameters in a generic plan, and a
 * trigram GIN index serves the similarity lookups of typo correction. The GIN
 * index has `fastupdate` off: with it on, the terms of a refresh wait in the
 * index's pending list until the next vacuum, and the planner, which counts
 * that list, then preferred a sequential scan of the 9,852 terms of the
 * 103,813-row benchmark set.
 *
 * `search_refresh_terms(force)` recomputes the table in one statement and
 * returns whether it did. Without `force` it returns false when the row
 * count, the latest `updated_at` and the sum of `version` of `scholarships`
 * are unchanged since the last refresh. Every catalogue write increments
 * `version`, so an update, insert or delete changes that state. A refresh
 * parses every document, which took about 2.5 s for 103,813 rows on 2 vCPU.
 */
export async function up(knex: Knex): Promise<void> {
  // pg_trgm is a trusted extension since PostgreSQL 13, so a database owner without superuser may create it.
  await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  await knex.raw(`
    CREATE TABLE search_terms (
      term text COLLATE "C" PRIMARY KEY,
      documents integer NOT NULL CHECK (documents > 0)
    )`);
  await knex.raw(
    `CREATE INDEX idx_search_terms_trigram ON search_terms
      USING gin (term gin_trgm_ops) WITH (fastupdate = off)`,
  );
  await knex.raw(`
    CREATE TABLE search_terms_refresh (
      id smallint PRIMARY KEY CHECK (id = 1),
      catalog_state text NOT NULL,
      refreshed_at timestamptz NOT NULL
    )`);
  await knex.raw(REFRESH_FUNCTION);
  await knex.raw('SELECT search_refresh_terms(true)');
}

const REFRESH_FUNCTION = `
CREATE FUNCTION search_refresh_terms(force boolean DEFAULT false) RETURNS boolean
LANGUAGE plpgsql
AS $function$
DECLARE
  state text;
BEGIN
  -- Concurrent refreshes, such as one per search replica, run one after the
  -- other, and the later one finds the state current and returns at once.
  PERFORM pg_advisory_xact_lock(hashtext('search_refresh_terms'));
  SELECT count(*) || '/' || coalesce(max(updated_at)::text, '-') || '/' || coalesce(sum(version), 0)
    INTO state
    FROM scholarships;
  IF NOT force AND state = (SELECT catalog_state FROM search_terms_refresh WHERE id = 1) THEN
    RETURN false;
  END IF;

  WITH fresh AS (
    SELECT word AS term, ndoc AS documents
      FROM ts_stat($words$
        SELECT to_tsvector(
          'simple',
          concat_ws(
            ' ',
            name,
            provider,
            translate(array_to_string(field_of_study, ' '), '_', ' '),
            description
          )
        )
        FROM scholarships
      $words$)
     WHERE word ~ '^[[:alpha:]]{3,40}$'
       AND ts_lexize('english_stem', word) <> '{}'
  ), removed AS (
    DELETE FROM search_terms AS t
     WHERE NOT EXISTS (SELECT 1 FROM fresh AS f WHERE f.term = t.term)
  )
  INSERT INTO search_terms (term, documents)
  SELECT term, documents FROM fresh
  ON CONFLICT (term) DO UPDATE
    SET documents = excluded.documents
    WHERE search_terms.documents <> excluded.documents;

  INSERT INTO search_terms_refresh (id, catalog_state, refreshed_at)
  VALUES (1, state, now())
  ON CONFLICT (id) DO UPDATE
    SET catalog_state = excluded.catalog_state, refreshed_at = excluded.refreshed_at;
  RETURN true;
END
$function$`;

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP FUNCTION IF EXISTS search_refresh_terms(boolean)');
  await knex.raw('DROP TABLE IF EXISTS search_terms_refresh');
  await knex.raw('DROP TABLE IF EXISTS search_terms');
  await dropExtensionUnlessUsed(knex, 'pg_trgm');
}

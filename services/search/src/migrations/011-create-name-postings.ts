import type { Knex } from '@scholarships/db';
import { INSERT_ALL_NAME_POSTINGS } from './name-postings';

/**
 * Creates `search_name_postings`: for every scholarship and every word of
 * its name, the relevance that a search for that one word gives the
 * scholarship, kept current by triggers on `scholarships`.
 *
 * A one-word search whose name matches fill the page reads its page from
 * the index on `(query, sort_key DESC, scholarship_id DESC)` and stops after
 * one page, instead of ranking every name match: "memorial" names about
 * 7,300 of 103,813 scholarships, and ranking them took about 20 ms.
 *
 * - `query` is the text of the one-word `tsquery` (`'memori'`), as
 *   `websearch_to_tsquery('english', 'memorial')::text` prints it. Only
 *   words of ASCII letters and digits get postings, so the text needs no
 *   escaping and the search statement can tell a word that has postings
 *   from the query text alone (`PLAIN_KEYWORD`).
 * - `sort_key` is the relevance sort key of a name match,
 *   `(ts_rank_cd(search_document, query, 32) + 1)::real`, the same
 *   expression as the search statement's, so that pages read from here
 *   order and compare exactly as pages ranked at query time do.
 * - Statement-level triggers with transition tables rewrite the postings of
 *   the rows each statement inserts, updates or deletes, so a bulk load
 *   computes them in one set-based insert per statement. `TRUNCATE` empties
 *   the table with `DELETE`: a `TRUNCATE` of it would need an exclusive lock
 *   that a relevance search, which locks this table before `scholarships`,
 *   could be holding, and the two would deadlock.
 * - A table rewrite fires no trigger, so a migration that rewrites
 *   `search_document` rebuilds the postings (`rebuildNamePostings`).
 *
 * Costs on 103,813 rows (PostgreSQL 17, 2 vCPU): 824,237 postings, 135 MB
 * with both indexes, about 10 s to build.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE search_name_postings (
      query text COLLATE "C" NOT NULL,
      scholarship_id uuid NOT NULL,
      sort_key real NOT NULL
    )`);
  await knex.raw(`
    CREATE INDEX idx_search_name_postings_order
      ON search_name_postings (query, sort_key DESC, scholarship_id DESC)`);
  await knex.raw(`
    CREATE INDEX idx_search_name_postings_scholarship
      ON search_name_postings (scholarship_id)`);
  await knex.raw(POSTINGS_OF_FUNCTION);
  await knex.raw(SYNC_FUNCTION);
  for (const trigger of TRIGGERS) await knex.raw(trigger);
  await knex.raw(INSERT_ALL_NAME_POSTINGS);
  await knex.raw('ANALYZE search_name_postings');
}

/**
 * The postings of one scholarship: one per distinct name word of ASCII
 * letters and digits. A word with other characters gets none, and its
 * searches rank at query time.
 */
const POSTINGS_OF_FUNCTION = `
CREATE FUNCTION search_name_postings_of(id uuid, name_document tsvector, search_document tsvector)
RETURNS TABLE (query text, scholarship_id uuid, sort_key real)
LANGUAGE sql STABLE PARALLEL SAFE
AS $function$
  SELECT words.query, id, (ts_rank_cd(search_document, words.query::tsquery, 32) + 1)::real
  FROM (
    SELECT format('''%s''', word.lexeme) AS query
    FROM unnest(name_document) AS word
    WHERE word.lexeme ~ '^[a-z0-9]+$'
  ) AS words
$function$`;

/**
 * Rewrites the postings of the rows one statement changed. Each trigger
 * names its transition tables `old_rows` and `new_rows`, and PL/pgSQL plans
 * a statement only when it first runs, so each event reads only the tables
 * its trigger has.
 */
const SYNC_FUNCTION = `
CREATE FUNCTION search_name_postings_sync() RETURNS trigger
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $function$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM search_name_postings;
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM search_name_postings AS p USING old_rows AS s WHERE p.scholarship_id = s.id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO search_name_postings (query, scholarship_id, sort_key)
    SELECT posting.query, posting.scholarship_id, posting.sort_key
    FROM new_rows AS s,
      search_name_postings_of(s.id, s.name_document, s.search_document) AS posting;
  END IF;
  RETURN NULL;
END
$function$`;

const TRIGGERS = [
  `CREATE TRIGGER search_name_postings_insert AFTER INSERT ON scholarships
     REFERENCING NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION search_name_postings_sync()`,
  `CREATE TRIGGER search_name_postings_update AFTER UPDATE ON scholarships
     REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION search_name_postings_sync()`,
  `CREATE TRIGGER search_name_postings_delete AFTER DELETE ON scholarships
     REFERENCING OLD TABLE AS old_rows
     FOR EACH STATEMENT EXECUTE FUNCTION search_name_postings_sync()`,
  `CREATE TRIGGER search_name_postings_truncate AFTER TRUNCATE ON scholarships
     FOR EACH STATEMENT EXECUTE FUNCTION search_name_postings_sync()`,
];

export async function down(knex: Knex): Promise<void> {
  for (const event of ['insert', 'update', 'delete', 'truncate']) {
    await knex.raw(`DROP TRIGGER IF EXISTS search_name_postings_${event} ON scholarships`);
  }
  await knex.raw('DROP FUNCTION IF EXISTS search_name_postings_sync()');
  await knex.raw('DROP FUNCTION IF EXISTS search_name_postings_of(uuid, tsvector, tsvector)');
  await knex.raw('DROP TABLE IF EXISTS search_name_postings');
}

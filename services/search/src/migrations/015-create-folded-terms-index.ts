import type { Knex } from '@scholarships/db';
import { dropExtensionUnlessUsed } from './drop-extension';

/**
 * Indexes the words of `search_terms` by their form without accents, so that
 * a spelling check can find the accented word that a student typed without
 * its accents: `quebec` for `québec`, `ecole` for `école`. Full-text search
 * compares words with their accents, and trigram similarity rates such pairs
 * too low to correct them.
 *
 * `search_fold(word)` lower-cases the word and removes its accents with the
 * `unaccent` extension's default rules. `unaccent(text)` is only STABLE,
 * because it reads its rules by name. The two-argument form with the
 * dictionary bound when the function is created reads fixed rules, so the
 * function may be IMMUTABLE, as an index expression requires. The rules are
 * a file of the PostgreSQL installation, and editing that file would call
 * for a `REINDEX` of this index.
 */
export async function up(knex: Knex): Promise<void> {
  // unaccent is a trusted extension since PostgreSQL 13, so a database owner without superuser may create it.
  await knex.raw('CREATE EXTENSION IF NOT EXISTS unaccent');
  await knex.raw(`
    CREATE OR REPLACE FUNCTION search_fold(word text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN lower(unaccent('unaccent'::regdictionary, word))`);
  await knex.raw('CREATE INDEX idx_search_terms_folded ON search_terms (search_fold(term))');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS idx_search_terms_folded');
  await knex.raw('DROP FUNCTION IF EXISTS search_fold(text)');
  await dropExtensionUnlessUsed(knex, 'unaccent');
}

import type { Knex } from '@scholarships/db';

/** SQLSTATE dependent_objects_still_exist, raised by DROP EXTENSION while something uses it. */
const DEPENDENT_OBJECTS_STILL_EXIST = '2BP01';

/**
 * Drops the extension `name` unless another object, such as an index of another service, still
 * depends on it. PostgreSQL itself checks the dependencies: the DROP runs in a savepoint, and
 * failing with 2BP01 leaves the extension.
 */
export async function dropExtensionUnlessUsed(knex: Knex, name: 'pg_trgm' | 'unaccent') {
  try {
    await knex.transaction((savepoint) => savepoint.raw(`DROP EXTENSION IF EXISTS ${name}`));
  } catch (error) {
    if ((error as { code?: unknown }).code !== DEPENDENT_OBJECTS_STILL_EXIST) throw error;
  }
}

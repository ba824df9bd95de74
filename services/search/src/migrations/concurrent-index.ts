import type { Knex } from '@scholarships/db';

/**
 * Creates an index with `CREATE INDEX CONCURRENTLY`, which does not block
 * writes to the table but cannot run inside a transaction, so the calling
 * migration must set `config: { transaction: false }`.
 *
 * A concurrent build that failed leaves an INVALID index behind, and
 * `IF NOT EXISTS` would then skip the rebuild, so such a leftover is dropped
 * first.
 */
export async function createIndexConcurrently(
  knex: Knex,
  name: string,
  definition: string,
): Promise<void> {
  if (await isInvalidIndex(knex, name)) await dropIndexConcurrently(knex, name);
  await knex.raw(`CREATE INDEX CONCURRENTLY IF NOT EXISTS ?? ${definition}`, [name]);
}

/** Drops an index without blocking writes. The caller must run outside a transaction. */
export async function dropIndexConcurrently(knex: Knex, name: string): Promise<void> {
  await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS ??', [name]);
}

async function isInvalidIndex(knex: Knex, name: string): Promise<boolean> {
  const result = await knex.raw<{ rows: { indisvalid: boolean }[] }>(
    `SELECT i.indisvalid
       FROM pg_index AS i
       JOIN pg_class AS c ON c.oid = i.indexrelid
      WHERE c.relname = ? AND pg_table_is_visible(c.oid)`,
    [name],
  );
  const [row] = result.rows;
  return row !== undefined && !row.indisvalid;
}

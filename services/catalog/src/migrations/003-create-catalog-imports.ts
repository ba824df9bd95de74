import type { Knex } from 'knex';

/** One row per importer run, so a restart can tell that the same files were already loaded. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('catalog_imports', (table) => {
    table.bigIncrements('id');
    table.text('checksum').notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true });
    table.jsonb('report');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('catalog_imports');
}

import type { Knex } from 'knex';

/**
 * Source keys of imported scholarships that an admin deleted. The importer leaves these keys out,
 * so that the next import does not bring a deleted scholarship back under a new id.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('deleted_imports', (table) => {
    table.text('source_key').primary();
    table.uuid('scholarship_id').notNullable();
    table.timestamp('deleted_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('deleted_imports');
}

import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('user_interactions', (table) => {
    table.bigIncrements('id');
    table.text('user_id').notNullable();
    table
      .uuid('scholarship_id')
      .notNullable()
      .references('id')
      .inTable('scholarships')
      .onDelete('CASCADE');
    table.text('interaction_type').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    ALTER TABLE user_interactions
      ADD CONSTRAINT user_interactions_type_check
        CHECK (interaction_type IN ('viewed', 'saved', 'applied', 'dismissed'))
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('user_interactions');
}

import type { Knex } from 'knex';

/**
 * The scholarship catalogue. Eligibility lists are arrays of controlled
 * vocabulary values; an empty array means the scholarship sets no
 * restriction on that criterion.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS pgcrypto');
  await knex.schema.createTable('scholarships', (table) => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    table.text('source_key').notNullable().unique();
    table.jsonb('sources').notNullable().defaultTo('[]');
    table.text('name').notNullable();
    table.text('provider');
    table.text('description');
    table.text('url');
    table.decimal('award_amount_min', 14, 2);
    table.decimal('award_amount_max', 14, 2);
    table.specificType('award_currency', 'char(3)');
    table.text('award_text');
    table.date('deadline');
    table.date('deadline_published');
    table.boolean('deadline_estimated').notNullable().defaultTo(false);
    table.specificType('field_of_study', 'text[]').notNullable().defaultTo('{}');
    table.specificType('grade_level', 'text[]').notNullable().defaultTo('{}');
    table.specificType('citizenship', 'text[]').notNullable().defaultTo('{}');
    table.specificType('state', 'text[]').notNullable().defaultTo('{}');
    table.decimal('min_gpa', 3, 2);
    table.specificType('gender', 'text[]').notNullable().defaultTo('{}');
    table.specificType('ethnicity', 'text[]').notNullable().defaultTo('{}');
    table.text('basis');
    table.text('eligibility_notes');
    table.integer('version').notNullable().defaultTo(1);
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    ALTER TABLE scholarships
      ADD CONSTRAINT scholarships_basis_check CHECK (basis IN ('need', 'merit')),
      ADD CONSTRAINT scholarships_award_range_check
        CHECK (award_amount_min IS NULL OR award_amount_max IS NULL
               OR award_amount_min <= award_amount_max),
      ADD CONSTRAINT scholarships_min_gpa_check CHECK (min_gpa BETWEEN 0 AND 5)
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('scholarships');
}

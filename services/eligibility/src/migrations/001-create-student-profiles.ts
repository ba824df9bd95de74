import type { Knex } from 'knex';

/**
 * Saved student profiles, one per user, in the same JSON shape as the body of
 * an eligibility check. `version` increases with every write so that clients
 * can detect lost updates.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('student_profiles', (table) => {
    table.text('user_id').primary();
    table.jsonb('profile').notNullable();
    table.integer('version').notNullable().defaultTo(1);
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    ALTER TABLE student_profiles
      ADD CONSTRAINT student_profiles_profile_object_check CHECK (jsonb_typeof(profile) = 'object'),
      ADD CONSTRAINT student_profiles_version_check CHECK (version >= 1)
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('student_profiles');
}

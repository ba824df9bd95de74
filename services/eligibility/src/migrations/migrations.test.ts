import { migrateDown, migrateLatest, migrateRollbackAll } from '@scholarships/db';
import { createMigratedDatabase, type MigratedDatabase } from '../test-support/migrated-database';
import { migrations } from './index';

const SERVICE = { service: 'eligibility', migrations };

let database: MigratedDatabase;

beforeAll(async () => {
  database = await createMigratedDatabase('eligibility_migrations');
});

afterAll(async () => {
  await database?.drop();
});

interface IndexInfo {
  indexdef: string;
  indisvalid: boolean;
}

async function eligibilityIndex(): Promise<IndexInfo | undefined> {
  const result = await database.db.knex.raw<{ rows: IndexInfo[] }>(`
    SELECT pg_indexes.indexdef, pg_index.indisvalid
      FROM pg_indexes
      JOIN pg_class ON pg_class.relname = pg_indexes.indexname
      JOIN pg_index ON pg_index.indexrelid = pg_class.oid
     WHERE pg_indexes.indexname = 'idx_scholarships_eligibility'
  `);
  return result.rows[0];
}

async function hasTable(name: string): Promise<boolean> {
  return database.db.knex.schema.hasTable(name);
}

describe('eligibility migrations', () => {
  it('create a valid index on grade level, citizenship and state', async () => {
    const index = await eligibilityIndex();
    expect(index?.indisvalid).toBe(true);
    expect(index?.indexdef).toContain(
      'ON public.scholarships USING btree (grade_level, citizenship, state)',
    );
  });

  it('create student_profiles keyed by user id', async () => {
    await database.db.knex('student_profiles').insert({ user_id: 'user-1', profile: { gpa: 3.5 } });
    const [row] = await database.db.knex('student_profiles').where('user_id', 'user-1');
    expect(row.profile).toEqual({ gpa: 3.5 });
    expect(row.version).toBe(1);
    expect(row.updated_at).toBeInstanceOf(Date);
  });

  it('reject a profile that is not a JSON object', async () => {
    const insert = database.db.knex('student_profiles').insert({
      user_id: 'user-2',
      profile: JSON.stringify([1]),
    });
    await expect(insert).rejects.toThrow(/student_profiles_profile_object_check/);
  });

  it('drop the index on the way down and build it again', async () => {
    expect(await migrateDown(database.db.knex, SERVICE)).toEqual(['002-create-eligibility-index']);
    expect(await eligibilityIndex()).toBeUndefined();
    expect(await migrateLatest(database.db.knex, SERVICE)).toEqual([
      '002-create-eligibility-index',
    ]);
    expect((await eligibilityIndex())?.indisvalid).toBe(true);
  });

  it('roll back completely and apply again', async () => {
    await migrateRollbackAll(database.db.knex, SERVICE);
    expect(await hasTable('student_profiles')).toBe(false);
    expect(await eligibilityIndex()).toBeUndefined();
    expect(await hasTable('scholarships')).toBe(true);
    await migrateLatest(database.db.knex, SERVICE);
    expect(await hasTable('student_profiles')).toBe(true);
    expect((await eligibilityIndex())?.indisvalid).toBe(true);
  });
});

import type { Knex, Statement } from '@scholarships/db';
import { toStatement } from '@scholarships/db';

export const PROFILE_BY_USER_STATEMENT = 'eligibility_profile_by_user';

/** A `student_profiles` row; `profile` is the stored JSON, validated on read. */
export interface ProfileRow {
  profile: unknown;
  version: number;
  updated_at: Date;
}

export const PROFILE_COLUMNS = ['profile', 'version', 'updated_at'] as const;

/** Builds the statement that reads one user's stored profile through the primary key. */
export function profileByUser(knex: Knex, userId: string): Statement {
  return toStatement(
    PROFILE_BY_USER_STATEMENT,
    knex('student_profiles').select(PROFILE_COLUMNS).where('user_id', userId),
  );
}

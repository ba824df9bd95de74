import type { Database, Knex } from '@scholarships/db';
import { recordEvents } from '@scholarships/outbox';
import type { StudentProfile } from '../eligibility/profile';
import { ELIGIBILITY_OUTBOX_TABLE } from '../events/outbox-table';
import { PROFILE_COLUMNS, type ProfileRow, profileByUser } from './profile-statement';
import {
  canonicalProfile,
  parseStoredProfile,
  sameProfile,
  validStoredProfile,
} from './stored-profile';

/** A profile as stored: canonical content, its version and the time of its last change. */
export interface StoredProfile {
  profile: StudentProfile;
  version: number;
  updatedAt: Date;
}

export interface SaveOutcome {
  stored: StoredProfile;
  /** True when the PUT created the profile. */
  created: boolean;
  /** True when the content differs from what was stored, so the version went up. */
  changed: boolean;
}

/**
 * Checks a PUT's preconditions against the stored version (undefined when
 * no profile exists) and throws the problem to send when they fail.
 */
export type PreconditionCheck = (version: number | undefined) => void;

function toStored(row: ProfileRow): StoredProfile {
  return {
    profile: parseStoredProfile(row.profile),
    version: row.version,
    updatedAt: new Date(row.updated_at),
  };
}

/** Reads a user's profile with the prepared statement; undefined when none is stored. */
export async function readProfile(
  db: Database,
  userId: string,
): Promise<StoredProfile | undefined> {
  const [row] = await db.query<ProfileRow>(profileByUser(db.knex, userId));
  return row ? toStored(row) : undefined;
}

async function lockProfile(trx: Knex.Transaction, userId: string) {
  const row: ProfileRow | undefined = await trx('student_profiles')
    .select(PROFILE_COLUMNS)
    .where('user_id', userId)
    .forUpdate()
    .first();
  return row;
}

/** Inserts version 1; undefined when a concurrent PUT created the row first. */
async function insertProfile(trx: Knex.Transaction, userId: string, profile: StudentProfile) {
  const [row]: ProfileRow[] = await trx('student_profiles')
    .insert({ user_id: userId, profile: JSON.stringify(profile), version: 1 })
    .onConflict('user_id')
    .ignore()
    .returning(PROFILE_COLUMNS);
  return row;
}

async function updateProfile(trx: Knex.Transaction, userId: string, profile: StudentProfile) {
  const [row]: ProfileRow[] = await trx('student_profiles')
    .where('user_id', userId)
    .update({
      profile: JSON.stringify(profile),
      version: trx.raw('version + 1'),
      updated_at: trx.fn.now(),
    })
    .returning(PROFILE_COLUMNS);
  if (!row) throw new Error(`Profile of user ${userId} vanished while locked`);
  return row;
}

async function recordChange(trx: Knex.Transaction, userId: string, version: number) {
  await recordEvents(trx, ELIGIBILITY_OUTBOX_TABLE, [{ type: 'profile.changed', userId, version }]);
}

/**
 * Stores a profile in one transaction: locks the current row, checks the
 * preconditions, and creates the row, bumps its version, or leaves it as it
 * is when the content is unchanged. A creation or change records a
 * `profile.changed` event in the outbox in the same transaction.
 *
 * Two first PUTs of one user can both find no row to lock. The loser's
 * INSERT then waits for the winner, inserts nothing, and the second pass
 * locks the winner's row and proceeds as an update, checking the
 * preconditions again.
 */
export async function saveProfile(
  knex: Knex,
  userId: string,
  submitted: StudentProfile,
  checkPreconditions: PreconditionCheck,
): Promise<SaveOutcome> {
  const profile = canonicalProfile(submitted);
  return knex.transaction(async (trx) => {
    for (let pass = 1; pass <= 2; pass += 1) {
      const current = await lockProfile(trx, userId);
      checkPreconditions(current?.version);
      if (current) {
        // An invalid stored profile never equals the new one, so the PUT replaces it.
        const storedProfile = validStoredProfile(current.profile);
        if (storedProfile !== undefined && sameProfile(storedProfile, profile)) {
          return { stored: toStored(current), created: false, changed: false };
        }
        const updated = await updateProfile(trx, userId, profile);
        await recordChange(trx, userId, updated.version);
        return { stored: toStored(updated), created: false, changed: true };
      }
      const inserted = await insertProfile(trx, userId, profile);
      if (inserted) {
        await recordChange(trx, userId, inserted.version);
        return { stored: toStored(inserted), created: true, changed: true };
      }
    }
    throw new Error(`Profile of user ${userId} could be neither inserted nor locked`);
  });
}

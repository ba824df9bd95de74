import { DEFAULT_MATCH_LIMIT } from '@scholarships/api-contract';
import type { Knex, Statement } from '@scholarships/db';
import { scholarshipForAnalysis } from '../analysis';
import { matchPage } from '../eligibility/match-statement';
import { EMPTY_PROFILE } from '../eligibility/profile';
import { profileByUser } from '../profiles';

/** An id no scholarship has, for warming the lookup by id. */
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Builds one instance of every statement that requests run, for the warm-up:
 * the match page (check and matches), the profile lookup (profile and
 * matches) and the scholarship lookup (analysis). Profile writes run in
 * transactions through Knex and are not prepared.
 */
export function hotStatements(knex: Knex, today: string): Statement[] {
  return [
    matchPage(knex, EMPTY_PROFILE, { limit: DEFAULT_MATCH_LIMIT, offset: 0, today }),
    profileByUser(knex, ''),
    scholarshipForAnalysis(knex, NIL_UUID),
  ];
}

import type { Knex, Statement } from '@scholarships/db';
import { toStatement } from '@scholarships/db';
import { CANDIDATE_COLUMNS } from './candidate';
import type { StudentProfile } from './profile';

/**
 * Keeps every scholarship that the evaluators could accept or report as
 * possibly eligible, and drops rows that fail a hard criterion. Each clause
 * mirrors one evaluator and keeps the row in three cases. The scholarship has
 * no restriction (`'{}'` or NULL). The profile does not state the value (a
 * NULL parameter or an empty array), which the evaluator reports as unknown.
 * Or the scholarship accepts the stated value.
 *
 * Ethnicity is left to the evaluator: both sides are free text compared
 * without case, and PostgreSQL's `lower()` follows the database's collation
 * while JavaScript's does not, so an SQL clause could drop a row that the
 * evaluator accepts.
 *
 * The text is fixed and absent profile values travel as NULL parameters, so
 * one prepared statement serves every profile. PostgreSQL's first custom
 * plans still see the NULLs and drop the clauses that cannot filter.
 *
 * No index serves these OR clauses, by design: every clause keeps the
 * unrestricted rows, which are most of the catalogue (3,157 of the 3,813
 * imported rows have no grade-level restriction), so a sequential scan is the
 * cheapest plan. With GIN indexes on the arrays, PostgreSQL 17 still chose a
 * sequential scan (3 to 7 ms in EXPLAIN ANALYZE on the imported data).
 */
const PREFILTER = `
  (grade_level = '{}' OR :gradeLevel::text IS NULL OR grade_level @> ARRAY[:gradeLevel::text])
  AND (min_gpa IS NULL OR :gpa::numeric IS NULL OR min_gpa <= :gpa::numeric)
  AND (state = '{}' OR :state::text IS NULL OR state @> ARRAY[:state::text])
  AND (citizenship = '{}' OR :citizenship::text IS NULL
       OR citizenship @> ARRAY[:citizenship::text])
  AND (field_of_study = '{}' OR cardinality(:fields::text[]) = 0
       OR field_of_study && :fields::text[])
  AND (gender = '{}' OR :gender::text IS NULL OR gender @> ARRAY[:gender::text])
  AND (basis IS DISTINCT FROM 'need' OR :financialNeed::boolean IS NOT FALSE)
`;

/** Builds the prefilter's parameters. Lists are never NULL, so `cardinality` never returns NULL. */
function prefilterBindings(profile: StudentProfile): Record<string, unknown> {
  return {
    gradeLevel: profile.gradeLevel,
    gpa: profile.gpa,
    state: profile.state,
    citizenship: profile.citizenship,
    fields: profile.fieldsOfStudy ?? [],
    gender: profile.gender,
    financialNeed: profile.financialNeed,
  };
}

/** Builds the statement that selects the scholarships passing the prefilter for `profile`, unordered. */
export function eligibilityCandidates(knex: Knex, profile: StudentProfile): Statement {
  return toStatement(
    'eligibility_candidates',
    knex('scholarships').select(CANDIDATE_COLUMNS).whereRaw(PREFILTER, prefilterBindings(profile)),
  );
}

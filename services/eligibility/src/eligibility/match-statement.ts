import type { Knex, Statement } from '@scholarships/db';
import { toStatement } from '@scholarships/db';
import { CANDIDATE_COLUMNS } from './candidate';
import { CRITERION_BITS as BITS, profileMasks } from './criteria-masks';
import type { StudentProfile } from './profile';

/**
 * Keeps the criteria sets (migration 004) that the evaluators could accept
 * or report as possibly eligible. A set passes a criterion when the profile
 * leaves it unstated (the evaluator reports unknown), when the set does not
 * restrict it, or when the set accepts the stated value. `:checkedMask` has
 * the bit of every criterion the profile states (`profileMasks`), so
 * `restricted_mask & :checkedMask & bit` is nonzero exactly when the value
 * must be accepted. Basis has no value to accept: its bit is set when the
 * profile states no financial need, which fails every need-based set.
 *
 * Values travel as arrays, never NULL, so no array is built per row; an
 * unstated value's array is empty and its bit unset. The text is fixed, so
 * one prepared statement serves every profile. Ethnicity compares
 * `folded_ethnicity`, which applies the fold of `normalizeEthnicity`.
 */
const SET_FILTER = `
  (restricted_mask & :checkedMask::integer & ${BITS.gradeLevel} = 0
   OR grade_level && :gradeLevels::text[])
  AND (restricted_mask & :checkedMask::integer & ${BITS.gpa} = 0
       OR min_gpa <= :gpa::numeric)
  AND (restricted_mask & :checkedMask::integer & ${BITS.state} = 0
       OR state && :states::text[])
  AND (restricted_mask & :checkedMask::integer & ${BITS.citizenship} = 0
       OR citizenship && :citizenships::text[])
  AND (restricted_mask & :checkedMask::integer & ${BITS.fieldOfStudy} = 0
       OR field_of_study && :fields::text[])
  AND (restricted_mask & :checkedMask::integer & ${BITS.gender} = 0
       OR gender && :genders::text[])
  AND (restricted_mask & :checkedMask::integer & ${BITS.ethnicity} = 0
       OR folded_ethnicity && :ethnicities::text[])
  AND restricted_mask & :checkedMask::integer & ${BITS.basis} = 0
`;

/**
 * Status and specificity of a set that passed `SET_FILTER`, from the
 * profile's masks (`profileMasks`): a restricted criterion the profile
 * leaves unstated makes the set possibly eligible, and every restricted
 * criterion it states counts towards the specificity.
 */
const STATUS_RANK = '(restricted_mask & :unstatedMask::integer <> 0)::integer';
const SPECIFICITY = 'bit_count((restricted_mask & :statedMask::integer)::bit(8))::integer';

/**
 * The scholarship's criteria digest, stored by migration 007 and leading
 * `idx_scholarships_criteria_dollar_page` (migration 009).
 */
const ROW_DIGEST = 's.criteria_digest';

/**
 * Award used for ranking: the maximum, else the minimum, in US dollars. An
 * amount with no stated currency counts as dollars. Awards in another
 * currency and awards without a figure ("Varies") get -1, so they rank last.
 * Must equal the award expression of `idx_scholarships_criteria_dollar_page`
 * after parsing.
 */
const AWARD_RANK = `CASE WHEN COALESCE(s.award_currency, 'USD') = 'USD'
  THEN COALESCE(s.award_amount_max, s.award_amount_min, -1) ELSE -1 END`;

/** Keys of the page order and the row id: all that ranking needs, so the sort stays narrow. */
const RANK_COLUMNS = `${AWARD_RANK} AS award_rank, s.deadline, s.name, s.id`;

const DEADLINE_RANK = `CASE
  WHEN s.deadline >= :today::date THEN 0
  WHEN s.deadline IS NULL THEN 1
  ELSE 2
END`;

/**
 * Every scholarship of a set no larger than the rows it must supply, in
 * one probe of `idx_scholarships_criteria_dollar_page`. Most sets have one
 * or a few scholarships, so this is the common branch. The ORDER BY, which
 * the index satisfies, steers PostgreSQL to a plain index scan, which costs
 * less per probe than a bitmap scan.
 */
const WHOLE_SET = `(
  SELECT ${DEADLINE_RANK} AS deadline_rank, ${RANK_COLUMNS}
    FROM scholarships s
   WHERE ${ROW_DIGEST} = m.criteria_digest AND m.scholarship_count <= g.set_limit
   ORDER BY s.deadline
)`;

/**
 * Selects the first `set_limit` scholarships of a larger set within one
 * deadline bucket (0 upcoming, 1 none, 2 past), read from the index in page
 * order so the scan stops early. The NULL branch names `s.deadline` in its ORDER BY
 * because PostgreSQL derives index order only from the columns listed.
 */
function setPrefix(bucket: 0 | 1 | 2, deadline: string, order: string): string {
  return `(
    SELECT ${bucket} AS deadline_rank, ${RANK_COLUMNS}
      FROM scholarships s
     WHERE ${ROW_DIGEST} = m.criteria_digest AND m.scholarship_count > g.set_limit AND ${deadline}
     ORDER BY ${order}, ${AWARD_RANK} DESC, s.name COLLATE "C", s.id
     LIMIT g.set_limit
  )`;
}

/** Days from today for upcoming deadlines and days ago for past ones: smaller ranks first. */
const DEADLINE_DISTANCE = `CASE deadline_rank
  WHEN 0 THEN deadline - :today::date
  WHEN 2 THEN :today::date - deadline
END`;

/** The order of `compareMatches` over the columns of `page`. */
const PAGE_ORDER = `status_rank, specificity DESC, deadline_rank, distance, award_rank DESC,
  name COLLATE "C", id`;

const PAGE_COLUMNS = CANDIDATE_COLUMNS.map((column) => `s.${column}`).join(', ');

/**
 * Ranks and pages the matches of a profile in one round trip, in the order
 * of `compareMatches`: status, specificity, deadline, award, name, id.
 *
 * 1. `matching` evaluates the profile against every criteria set: about
 *    4,000 rows rather than every scholarship. Status and specificity
 *    depend only on the set, so every scholarship of a set shares them.
 * 2. `groups` sums the sets by (status, specificity) in rank order, which
 *    gives each group its first position, and the totals.
 * 3. For each group that overlaps the page, each of its sets supplies its
 *    first `offset + limit - start` scholarships in page order (a small
 *    set all of its rows). A group's first k rows are among the first k
 *    rows of its sets. So in rank order, the fetched rows begin with the
 *    rows at every position from the first overlapping group's start to
 *    the end of the page, and LIMIT and OFFSET counted from that start
 *    select the page.
 * 4. Only the rows of the page are read in full, by primary key.
 *
 * The result always has one row: with an empty page, every column but the
 * totals is NULL.
 */
const MATCH_PAGE = `
WITH matching AS MATERIALIZED (
  SELECT criteria_digest, scholarship_count,
         ${STATUS_RANK} AS status_rank,
         ${SPECIFICITY} AS specificity
    FROM eligibility_criteria_sets
   WHERE ${SET_FILTER}
), groups AS (
  SELECT status_rank, specificity, sum(scholarship_count)::bigint AS size,
         coalesce(sum(sum(scholarship_count)) OVER (
           ORDER BY status_rank, specificity DESC
           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::bigint AS start
    FROM matching
   GROUP BY status_rank, specificity
), page_groups AS (
  SELECT status_rank, specificity, start,
         :offset::bigint + :limit::bigint - start AS set_limit
    FROM groups
   WHERE start < :offset::bigint + :limit::bigint AND start + size > :offset::bigint
), fetched AS (
  SELECT g.start, m.status_rank, m.specificity, r.*
    FROM page_groups g
    JOIN matching m USING (status_rank, specificity)
   CROSS JOIN LATERAL (
     ${WHOLE_SET}
     UNION ALL
     ${setPrefix(0, 's.deadline >= :today::date', 's.deadline')}
     UNION ALL
     ${setPrefix(1, 's.deadline IS NULL', 's.deadline')}
     UNION ALL
     ${setPrefix(2, 's.deadline < :today::date', 's.deadline DESC')}
   ) AS r
), page AS (
  SELECT id, status_rank, specificity, deadline_rank, ${DEADLINE_DISTANCE} AS distance,
         award_rank, name, start
    FROM fetched
   ORDER BY ${PAGE_ORDER}
   LIMIT :limit::bigint
  OFFSET :offset::bigint - (SELECT coalesce(min(start), :offset::bigint) FROM page_groups)
), ranked AS (
  SELECT id, status_rank, specificity,
         :offset::bigint - 1 + row_number() OVER (ORDER BY ${PAGE_ORDER}) AS position
    FROM page
), totals AS (
  SELECT coalesce(sum(scholarship_count), 0)::bigint AS total,
         coalesce(sum(scholarship_count) FILTER (WHERE status_rank = 0), 0)::bigint
           AS eligible_total
    FROM matching
)
SELECT totals.total, totals.eligible_total, matched.*
  FROM totals
  LEFT JOIN LATERAL (
    SELECT ranked.position, ranked.status_rank, ranked.specificity, ${PAGE_COLUMNS}
      FROM ranked
      JOIN scholarships s ON s.id = ranked.id
  ) AS matched ON true
 ORDER BY matched.position
`;

export interface PageRequest {
  limit: number;
  offset: number;
  /** ISO `YYYY-MM-DD`; deadlines on or after it are upcoming. */
  today: string;
}

function listOf<Value>(value: Value | null): Value[] {
  return value === null ? [] : [value];
}

/** Builds the parameters: every list is an array and never NULL, and absent values are empty. */
function matchBindings(profile: StudentProfile, page: PageRequest): Record<string, unknown> {
  const masks = profileMasks(profile);
  return {
    checkedMask: masks.checked,
    statedMask: masks.stated,
    unstatedMask: masks.unstated,
    gradeLevels: listOf(profile.gradeLevel),
    gpa: profile.gpa,
    states: listOf(profile.state),
    citizenships: listOf(profile.citizenship),
    fields: profile.fieldsOfStudy ?? [],
    genders: listOf(profile.gender),
    ethnicities: profile.ethnicities ?? [],
    today: page.today,
    limit: page.limit,
    offset: page.offset,
  };
}

export const MATCH_PAGE_STATEMENT = 'eligibility_match_page';

/** Builds the statement that returns one ranked page of `profile`'s matches and their totals. */
export function matchPage(knex: Knex, profile: StudentProfile, page: PageRequest): Statement {
  return toStatement(MATCH_PAGE_STATEMENT, knex.raw(MATCH_PAGE, matchBindings(profile, page)));
}

import { MAX_OFFSET } from '@scholarships/api-contract';
import { scholarshipSummaryFromRow } from '@scholarships/contracts';
import type { Database } from '@scholarships/db';
import type { Logger } from '@scholarships/logger';
import type { EligibilityMetrics } from '../metrics';
import type { CandidateRow } from './candidate';
import type { CriterionResult } from './criteria';
import { type Evaluation, evaluateScholarship } from './evaluate';
import { matchPage, type PageRequest } from './match-statement';
import type { StudentProfile } from './profile';
import type { RankedMatch } from './ranking';

export interface EligibilityMatch extends RankedMatch {
  criteria: CriterionResult[];
}

export interface MatchPage {
  /** Matches of the profile: eligible and possibly eligible scholarships. */
  total: number;
  /** Of `total`, the eligible ones, which rank first. */
  eligibleTotal: number;
  limit: number;
  offset: number;
  /** Offset of the next page, or null on the last page or when the next offset exceeds `MAX_OFFSET`. */
  nextOffset: number | null;
  items: EligibilityMatch[];
}

interface PageTotals {
  total: number;
  eligible_total: number;
}

/** A ranked row of the page, with the status and specificity that SQL computed for its criteria set. */
type RankedRow = PageTotals &
  CandidateRow & { position: number; status_rank: number; specificity: number };

/** The one row of an empty page, which carries only the totals. */
type EmptyPageRow = PageTotals & { id: null };

type MatchPageRow = RankedRow | EmptyPageRow;

function isRanked(row: MatchPageRow): row is RankedRow {
  return row.id !== null;
}

export interface MatchPageContext {
  log: Logger;
  metrics: EligibilityMetrics;
}

/**
 * Runs the match statement for one page and explains each row with the
 * criterion evaluators. SQL decides which rows match and in what order;
 * the evaluators write the reasons. Both must agree on status and
 * specificity, which the agreement tests check. A row where they differ
 * would reveal a bug, so it is logged and counted. The response then
 * carries the evaluators' verdict, and leaves the row out when they find it
 * ineligible.
 */
export async function findMatchPage(
  db: Database,
  profile: StudentProfile,
  page: PageRequest,
  context: MatchPageContext,
): Promise<MatchPage> {
  const rows = await db.query<MatchPageRow>(matchPage(db.knex, profile, page));
  const totals = rows[0] ?? { total: 0, eligible_total: 0 };
  const items: EligibilityMatch[] = [];
  for (const row of rows.filter(isRanked)) {
    const evaluation = evaluateScholarship(profile, row);
    if (disagrees(row, evaluation)) reportDisagreement(row, evaluation, context);
    if (evaluation.status === 'ineligible') continue;
    items.push({
      scholarship: scholarshipSummaryFromRow(row),
      status: evaluation.status,
      specificity: evaluation.specificity,
      criteria: evaluation.criteria,
    });
  }
  const end = page.offset + page.limit;
  // A next offset above MAX_OFFSET would be rejected with 400, so the last reachable page ends paging.
  const nextOffset = end < totals.total && end <= MAX_OFFSET ? end : null;
  return {
    total: totals.total,
    eligibleTotal: totals.eligible_total,
    limit: page.limit,
    offset: page.offset,
    nextOffset,
    items,
  };
}

function disagrees(row: RankedRow, evaluation: Evaluation): boolean {
  const status = row.status_rank === 0 ? 'eligible' : 'possibly_eligible';
  return evaluation.status !== status || evaluation.specificity !== row.specificity;
}

function reportDisagreement(row: RankedRow, evaluation: Evaluation, context: MatchPageContext) {
  context.metrics.rankingDisagreements.inc();
  context.log.warn(
    {
      scholarshipId: row.id,
      sqlStatusRank: row.status_rank,
      sqlSpecificity: row.specificity,
      status: evaluation.status,
      specificity: evaluation.specificity,
    },
    'match statement and evaluators disagree',
  );
}

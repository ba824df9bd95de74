import {
  type Scholarship,
  type ScholarshipSummary,
  scholarshipSummaryFromRow,
} from '@scholarships/contracts';
import type { CandidateRow } from '../eligibility/candidate';
import { type CriterionResult, isRestricted, type Outcome } from '../eligibility/criteria';
import { type EligibilityStatus, evaluateScholarship } from '../eligibility/evaluate';
import type { StudentProfile } from '../eligibility/profile';
import { assessDeadline, type DeadlineResult } from './deadline';
import { criterionStep, deadlineSteps } from './next-steps';
import {
  type AnalysisCriterion,
  CRITERION_WEIGHTS,
  FAILED_SCORE_CAP,
  OUTCOME_CREDIT,
} from './weights';

/** The scholarship columns an analysis reads: the match columns and the record's version. */
export type AnalyzedScholarship = CandidateRow & { version: number };

export interface ScoreLine {
  criterion: AnalysisCriterion;
  outcome: Outcome;
  weight: number;
  /** `weight` times the outcome's credit: full for pass, half for unknown, none for fail. */
  points: number;
  reason: string;
}

export interface Analysis {
  scholarship: ScholarshipSummary & Pick<Scholarship, 'version'>;
  profile: StudentProfile;
  /** The date the day counts are computed for, ISO `YYYY-MM-DD` in UTC. */
  computedFor: string;
  status: EligibilityStatus;
  /** 0 to 100: the points of `breakdown`, rounded, and at most `scoreCap` when it is set. */
  score: number;
  /** `FAILED_SCORE_CAP` when a criterion fails, else null. */
  scoreCap: number | null;
  breakdown: ScoreLine[];
  strengths: string[];
  gaps: string[];
  nextSteps: string[];
}

function scoreLine(result: CriterionResult | DeadlineResult): ScoreLine {
  const weight = CRITERION_WEIGHTS[result.criterion];
  return {
    criterion: result.criterion,
    outcome: result.outcome,
    weight,
    points: weight * OUTCOME_CREDIT[result.outcome],
    reason: result.reason,
  };
}

function scoreOf(breakdown: readonly ScoreLine[]): { score: number; scoreCap: number | null } {
  const points = breakdown.reduce((sum, line) => sum + line.points, 0);
  const failed = breakdown.some((line) => line.outcome === 'fail');
  const scoreCap = failed ? FAILED_SCORE_CAP : null;
  return { score: Math.min(Math.round(points), scoreCap ?? 100), scoreCap };
}

/** Restricted criteria the student meets, and an upcoming deadline; an award open to all says so. */
function strengthsOf(
  criteria: readonly CriterionResult[],
  deadline: DeadlineResult,
  scholarship: AnalyzedScholarship,
): string[] {
  const restricted = criteria.filter((result) => isRestricted(result.criterion, scholarship));
  const strengths = restricted
    .filter((result) => result.outcome === 'pass')
    .map((result) => result.reason);
  if (restricted.length === 0) strengths.push('open to every student: no eligibility restriction');
  if (deadline.outcome === 'pass') strengths.push(deadline.reason);
  return strengths;
}

/**
 * Explains how well one profile fits one scholarship on `today` (ISO
 * `YYYY-MM-DD`): a score from the fixed weights in `weights.ts` with its
 * breakdown, the strengths, the gaps and the next steps. The result depends
 * only on its three inputs.
 */
export function analyzeScholarship(
  profile: StudentProfile,
  scholarship: AnalyzedScholarship,
  today: string,
): Analysis {
  const { status, criteria } = evaluateScholarship(profile, scholarship);
  const summary = scholarshipSummaryFromRow(scholarship);
  const deadline = assessDeadline(summary.deadline, today);
  const breakdown = [...criteria, deadline].map(scoreLine);
  const gaps = breakdown.filter((line) => line.outcome !== 'pass').map((line) => line.reason);
  const steps = criteria.map((result) => criterionStep({ profile, scholarship, result }));
  return {
    scholarship: { ...summary, version: scholarship.version },
    profile,
    computedFor: today,
    status,
    ...scoreOf(breakdown),
    breakdown,
    strengths: strengthsOf(criteria, deadline, scholarship),
    gaps,
    nextSteps: [
      ...steps.filter((step): step is string => step !== undefined),
      ...deadlineSteps(deadline, summary.deadline),
    ],
  };
}

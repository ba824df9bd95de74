import { type CandidateRow, summarizeCandidate } from './candidate';
import type { CriterionResult } from './criteria';
import { evaluateScholarship } from './evaluate';
import type { StudentProfile } from './profile';
import { compareMatches, type RankedMatch } from './ranking';

export interface EligibilityMatch extends RankedMatch {
  criteria: CriterionResult[];
}

/**
 * Evaluates every candidate row, drops those with a failing criterion and
 * ranks the rest for `today` (ISO `YYYY-MM-DD`).
 */
export function matchCandidates(
  profile: StudentProfile,
  rows: readonly CandidateRow[],
  today: string,
): EligibilityMatch[] {
  const matches: EligibilityMatch[] = [];
  for (const row of rows) {
    const { status, criteria } = evaluateScholarship(profile, row);
    if (status === 'ineligible') continue;
    matches.push({ scholarship: summarizeCandidate(row), status, criteria });
  }
  return matches.sort(compareMatches(today));
}

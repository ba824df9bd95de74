import type { SearchQuery } from '@scholarships/api-contract';

/**
 * The search request as the service understood it, echoed in responses under
 * the query parameter names. A `null` deadline pair means the default window,
 * which is deadlines from today on, then undated scholarships.
 */
export interface NormalizedQuery {
  q: string | null;
  field_of_study: string[];
  state: string[];
  grade_level: string[];
  citizenship: string[];
  award_min: number | null;
  award_max: number | null;
  deadline_from: string | null;
  deadline_to: string | null;
  basis: string | null;
  sort: string;
  limit: number;
  facets: boolean;
}

export function normalizedQuery(query: SearchQuery): NormalizedQuery {
  return {
    q: query.q,
    field_of_study: query.fieldOfStudy,
    state: query.state,
    grade_level: query.gradeLevel,
    citizenship: query.citizenship,
    award_min: query.awardMin,
    award_max: query.awardMax,
    deadline_from: query.deadlineFrom,
    deadline_to: query.deadlineTo,
    basis: query.basis,
    sort: query.sort,
    limit: query.limit,
    facets: query.facets,
  };
}

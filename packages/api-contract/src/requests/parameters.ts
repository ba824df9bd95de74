import type {
  AwardBasis,
  CitizenshipStatus,
  FieldOfStudy,
  GradeLevel,
  UsStateCode,
} from '@scholarships/contracts';
import type { z } from 'zod';
import type { analysisBody } from './analysis-body';
import type { interactionBody } from './interactions';
import type { profileBody } from './profile-body';
import type { scholarshipDocumentSchema, scholarshipPatchSchema } from './scholarship-document';
import type { SearchSort } from './search-query';

/**
 * Query parameters of `GET /api/v1/search` with typed values, as a client
 * sends them. List filters match any of their values; every parameter is
 * optional, and a later page repeats the query with `cursor` added.
 */
export interface SearchParameters {
  q?: string;
  field_of_study?: readonly FieldOfStudy[];
  state?: readonly UsStateCode[];
  grade_level?: readonly GradeLevel[];
  citizenship?: readonly CitizenshipStatus[];
  /** Lower bound of the award in US dollars. */
  award_min?: number;
  award_max?: number;
  /** Calendar date as `YYYY-MM-DD`. */
  deadline_from?: string;
  deadline_to?: string;
  basis?: AwardBasis;
  /** Default `relevance` with q, else `deadline`. */
  sort?: SearchSort;
  /** Page size from 1 to 50; default 20. */
  limit?: number;
  /** `nextCursor` of the previous page, unchanged. */
  cursor?: string;
  /** Whether the response counts matches per filter value. */
  facets?: boolean;
}

/** Query parameters of `GET /api/v1/search/suggest`. */
export interface SuggestParameters {
  /** The text typed so far, 1 to 100 characters. */
  q: string;
  /** Number of completions, 1 to 20; default 8. */
  limit?: number;
}

/** Offset paging of eligibility matches. */
export interface MatchPageParameters {
  /** 1 to 100; default 50. */
  limit?: number;
  /** 0 or more; default 0. */
  offset?: number;
}

/** Paging of the saved list. */
export interface SavedListParameters {
  /** 1 to 100; default 20. */
  limit?: number;
  /** `nextCursor` of the previous page, unchanged. */
  cursor?: string;
}

/** Body of an eligibility check and of `PUT /api/v1/me/profile`: every field may be left out or null. */
export type ProfileInput = z.input<typeof profileBody>;
export type AnalysisInput = z.input<typeof analysisBody>;
export type InteractionInput = z.input<typeof interactionBody>;
/** Body of an admin create or replace: the writable fields of a scholarship. */
export type ScholarshipInput = z.input<typeof scholarshipDocumentSchema>;
/** Body of an admin patch: a JSON merge patch (RFC 7396) of a scholarship. */
export type ScholarshipPatchInput = z.input<typeof scholarshipPatchSchema>;

import type { ConditionalRequestOptions, RequestOptions } from './options';
import type {
  AnalysisBody,
  AnalysisResult,
  EligibilityCheckBody,
  EligibilityCheckResult,
  InteractionBody,
  InteractionResult,
  MatchesPage,
  MatchPageQuery,
  ProfileBody,
  SavedItem,
  SavedListQuery,
  SavedPage,
  Scholarship,
  ScholarshipBatch,
  ScholarshipBody,
  ScholarshipPatch,
  SearchHit,
  SearchPage,
  SearchQuery,
  StoredProfile,
  SuggestQuery,
  SuggestResult,
} from './types';

/** Options of the routes that page by offset. */
export interface PageRequestOptions extends RequestOptions, MatchPageQuery {}

/**
 * Every route of the public API. Methods resolve with the parsed body and
 * reject with ApiProblemError for an error response or ApiNetworkError when
 * no response arrived. Routes under `/api/v1/me` need a token; the admin
 * writes need a token with the admin role and `ifMatch` on updates.
 */
export interface ScholarshipClient {
  /** `GET /api/v1/search`: one page of ranked results. */
  search(query: SearchQuery, init?: RequestOptions): Promise<SearchPage>;
  /** Every result of a search, following `nextCursor` page by page. */
  searchAll(query: SearchQuery, init?: RequestOptions): AsyncIterableIterator<SearchHit>;
  /** `GET /api/v1/search/suggest`: completions for a search box. */
  suggest(query: SuggestQuery, init?: RequestOptions): Promise<SuggestResult>;
  /** `GET /api/v1/scholarships/:id`. */
  getScholarship(id: string, init?: RequestOptions): Promise<Scholarship>;
  /** `GET /api/v1/scholarships?ids=`: up to 100 records, and the ids not found. */
  getScholarships(ids: readonly string[], init?: RequestOptions): Promise<ScholarshipBatch>;
  /** `POST /api/v1/eligibility/check`: the scholarships a profile qualifies for, one page. */
  checkEligibility(
    profile: EligibilityCheckBody,
    init?: PageRequestOptions,
  ): Promise<EligibilityCheckResult>;
  /** `POST /api/v1/eligibility/analysis`: a scored fit of one profile to one scholarship. */
  analyzeEligibility(body: AnalysisBody, init?: RequestOptions): Promise<AnalysisResult>;
  /** `GET /api/v1/me/profile`; rejects with 404 `PROFILE_NOT_FOUND` before the first put. */
  getProfile(init?: RequestOptions): Promise<StoredProfile>;
  /** `PUT /api/v1/me/profile`: creates or replaces the stored profile. */
  putProfile(profile: ProfileBody, init?: ConditionalRequestOptions): Promise<StoredProfile>;
  /** `GET /api/v1/me/matches`: matches of the stored profile, one page. */
  getMatches(init?: PageRequestOptions): Promise<MatchesPage>;
  /** `POST /api/v1/me/interactions`: records a view, save, application or dismissal. */
  recordInteraction(body: InteractionBody, init?: RequestOptions): Promise<InteractionResult>;
  /** `GET /api/v1/me/saved`: one page of saved scholarships, most recent first. */
  getSaved(query?: SavedListQuery, init?: RequestOptions): Promise<SavedPage>;
  /** Every saved scholarship, following `nextCursor` page by page. */
  getAllSaved(query?: SavedListQuery, init?: RequestOptions): AsyncIterableIterator<SavedItem>;
  /** `DELETE /api/v1/me/saved/:scholarshipId`. */
  removeSaved(scholarshipId: string, init?: RequestOptions): Promise<void>;
  /** `POST /api/v1/admin/scholarships`. */
  createScholarship(body: ScholarshipBody, init?: RequestOptions): Promise<Scholarship>;
  /** `PUT /api/v1/admin/scholarships/:id`; needs `ifMatch`. */
  replaceScholarship(
    id: string,
    body: ScholarshipBody,
    init: ConditionalRequestOptions,
  ): Promise<Scholarship>;
  /** `PATCH /api/v1/admin/scholarships/:id` with a JSON merge patch; needs `ifMatch`. */
  patchScholarship(
    id: string,
    patch: ScholarshipPatch,
    init: ConditionalRequestOptions,
  ): Promise<Scholarship>;
  /** `DELETE /api/v1/admin/scholarships/:id`; needs `ifMatch`. */
  deleteScholarship(id: string, init: ConditionalRequestOptions): Promise<void>;
}

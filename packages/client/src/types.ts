/**
 * Request and response types of the public API, taken from the contract
 * package as types only, so that a browser bundle of the client carries no
 * schema library.
 */
import type {
  AnalysisInput,
  InteractionInput,
  MatchPageParameters,
  ProfileInput,
  SavedListParameters,
  ScholarshipInput,
  ScholarshipPatchInput,
  ScholarshipRecord,
  SearchParameters,
  SuggestParameters,
} from '@scholarships/api-contract';

export type {
  AnalysisResult,
  AppliedSearchQuery,
  Award,
  CriterionName,
  CriterionOutcome,
  CriterionResult,
  Deadline,
  EligibilityCheckResult,
  EligibilityMatch,
  EligibilityStatus,
  FieldError,
  InteractionResult,
  MatchedScholarship,
  MatchesPage,
  ProblemDetails,
  SavedItem,
  SavedPage,
  ScholarshipBatch,
  ScoreLine,
  SearchFacets,
  SearchHit,
  SearchPage,
  StoredProfile,
  SuggestResult,
} from '@scholarships/api-contract';

export type SearchQuery = SearchParameters;
export type SuggestQuery = SuggestParameters;
export type Scholarship = ScholarshipRecord;
/** A student profile to check; every field may be left out or null. */
export type EligibilityCheckBody = ProfileInput;
/** The profile stored by `PUT /api/v1/me/profile`; same shape as an eligibility check. */
export type ProfileBody = ProfileInput;
export type AnalysisBody = AnalysisInput;
export type InteractionBody = InteractionInput;
export type MatchPageQuery = MatchPageParameters;
export type SavedListQuery = SavedListParameters;
export type ScholarshipBody = ScholarshipInput;
export type ScholarshipPatch = ScholarshipPatchInput;

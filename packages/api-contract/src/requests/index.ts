export { analysisBody } from './analysis-body';
export { isStorableYear } from './calendar-date';
export { ENGLISH_STOP_WORDS } from './english-stop-words';
export { ETHNICITY_FOLD, normalizeEthnicity } from './ethnicity-fold';
export {
  DEFAULT_SAVED_PAGE_SIZE,
  interactionBody,
  MAX_SAVED_PAGE_SIZE,
  savedListQuery,
  savedScholarshipParams,
} from './interactions';
export { JSON_OBJECT_ERROR } from './json-object-error';
export { type KeywordTerms, keywordTerms } from './keyword-terms';
export type {
  AnalysisInput,
  InteractionInput,
  MatchPageParameters,
  ProfileInput,
  SavedListParameters,
  ScholarshipInput,
  ScholarshipPatchInput,
  SearchParameters,
  SuggestParameters,
} from './parameters';
export {
  DEFAULT_MATCH_LIMIT,
  MAX_ETHNICITIES,
  MAX_ETHNICITY_LENGTH,
  MAX_FIELDS_OF_STUDY,
  MAX_MATCH_LIMIT,
  MAX_OFFSET,
  pageQuery,
  profileBody,
  type StudentProfile,
} from './profile-body';
export { encodeSavedCursor, savedCursor } from './saved-cursor';
export {
  type CrossFieldIssue,
  crossFieldIssues,
  type ScholarshipDocument,
  type ScholarshipPatch,
  scholarshipDocumentSchema,
  scholarshipPatchSchema,
} from './scholarship-document';
export { MAX_AWARD_AMOUNT } from './scholarship-fields';
export { batchQuery, MAX_BATCH_IDS, scholarshipIdParams } from './scholarship-lookup';
export {
  DEFAULT_SEARCH_LIMIT,
  INVALID_CURSOR_MESSAGE,
  MAX_AWARD_FILTER,
  MAX_EXCLUDED_TERMS,
  MAX_KEYWORD_LENGTH,
  MAX_KEYWORD_WORDS,
  MAX_SEARCH_LIMIT,
  SEARCH_SORTS,
  type SearchQuery,
  type SearchSort,
  searchQuerySchema,
} from './search-query';
export {
  DEFAULT_SUGGEST_LIMIT,
  MAX_SUGGEST_LENGTH,
  MAX_SUGGEST_LIMIT,
  type SuggestQuery,
  suggestQuerySchema,
} from './suggest-query';

export { createClient } from './create-client';
export { profileEntityTag, scholarshipEntityTag } from './entity-tags';
export { ApiNetworkError, ApiProblemError } from './errors';
export type { ClientOptions, ConditionalRequestOptions, RequestOptions } from './options';
export { parseRetryAfter } from './retry-after';
export type { PageRequestOptions, ScholarshipClient } from './scholarship-client';
export type * from './types';
export {
  CITIZENSHIP_STATUSES,
  FIELDS_OF_STUDY,
  GENDERS,
  GRADE_LEVELS,
  US_STATE_CODES,
} from './vocabulary';

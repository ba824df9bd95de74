/**
 * Values the API accepts for filters and profiles, for forms to list. Any other value gets a 400
 * naming the field. They come from the platform's own vocabulary module, which imports nothing,
 * so a browser bundle stays small.
 */
export {
  CITIZENSHIP_STATUSES,
  FIELDS_OF_STUDY,
  GENDERS,
  GRADE_LEVELS,
  US_STATE_CODES,
} from '@scholarships/contracts';

export { type SuggestQuery, suggestQuerySchema } from '@scholarships/api-contract';
export {
  createPhraseSuggestions,
  PHRASE_CANDIDATES_NAME,
  type PhraseSuggestions,
} from './phrase-from-index';
export { type SuggestResponse, suggestRoutes, type TermSuggestion } from './routes';
export { SUGGEST_STATEMENT_NAME, suggestScholarships } from './statements';

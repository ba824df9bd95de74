export { type SuggestQuery, suggestQuerySchema } from '@scholarships/api-contract';
export { type SuggestResponse, suggestRoutes, type TermSuggestion } from './routes';
export { SUGGEST_STATEMENT_NAME, suggestScholarships } from './statements';

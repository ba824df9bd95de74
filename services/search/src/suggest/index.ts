export { type SuggestResponse, suggestRoutes, type TermSuggestion } from './routes';
export { type SuggestQuery, suggestQuerySchema } from './schemas';
export { SUGGEST_STATEMENT_NAME, suggestScholarships } from './statements';

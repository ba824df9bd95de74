export { type Scheduler, startTermsRefresh, type TermsRefreshOptions } from './background';
export {
  createTermsRefresher,
  REFRESH_STATEMENT_TIMEOUT_MS,
  refreshSearchTerms,
  type TermsRefresher,
  type TermsRefresherOptions,
} from './refresher';

export { analysisCacheControl, MAX_ANALYSIS_AGE_SECONDS } from './cache-control';
export { type Clock, systemClock, utcDate } from './clock';
export {
  bodyTag,
  type EntityTagCondition,
  ifMatchHolds,
  ifNoneMatchHolds,
  ifNoneMatchHoldsForBody,
  parseEntityTagCondition,
  profileTag,
} from './entity-tags';
export { requireUserId } from './identity';
export { eligibilityProblems } from './problems';

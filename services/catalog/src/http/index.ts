export { NO_STORE, PUBLIC_READ_CACHE_CONTROL } from './cache-control';
export { catalogProblems } from './catalog-problems';
export {
  conditionMatches,
  type EntityTagCondition,
  parseEntityTagCondition,
  versionTag,
} from './entity-tags';
export { type Identity, readIdentity, requireAdmin, requireIdentity } from './identity';

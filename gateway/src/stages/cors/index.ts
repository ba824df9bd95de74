export { type CorsOptions, createCorsStage } from './cors-stage';
export { checkOriginEntry, compileOriginAllowList, type OriginMatcher } from './origin-allow-list';

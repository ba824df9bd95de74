export {
  createServiceApp,
  PRIVATE_NO_STORE,
  type ServiceAppOptions,
} from './create-service-app';
export {
  type EntityTagList,
  type ListedEntityTag,
  parseEntityTagList,
} from './entity-tag-list';
export {
  type AllowedMethods,
  type ErrorClassifier,
  errorHandler,
  methodNotAllowedProblem,
  routeNotFound,
  sendProblem,
} from './error-handler';
export { MAX_LISTED_FIELD_ERRORS, problems } from './errors';
export { healthRoutes, type ReadinessCheck, runReadinessChecks } from './health';
export {
  IDENTITY_SIGNATURE_MAX_SKEW_MS,
  identityHeaders,
  identitySignature,
  identitySignatureMatches,
  type SignedIdentity,
  type SignedParts,
} from './identity-signature';
export { type FieldError, HttpProblem, PROBLEM_CONTENT_TYPE, type ProblemOptions } from './problem';
export { installProcessSafetyNet, type ProcessSafetyNetOptions } from './process-safety-net';
export { requestContext, routeTemplate } from './request-context';
export {
  type BackgroundWork,
  buildServiceApp,
  classifyDatabaseError,
  runService,
  type ServiceDefinition,
  type ServiceDeps,
} from './run-service';
export {
  type ParentChannel,
  type RunningServer,
  type ServerOptions,
  startServer,
  watchParent,
} from './start-server';
export { type InputLocation, parseInput, type UnknownFieldHints } from './validation';

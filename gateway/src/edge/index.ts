export {
  attachEdgeOutcome,
  type EdgeMiddlewareOptions,
  edgeMiddleware,
  joinHeaderFields,
  reportTotal,
  setHeaderFields,
} from './edge-middleware';
export { EDGE_STAGE_NAMES, type EdgeStage, type EdgeStageName } from './edge-stage';
export { callerOf, createEdgeState, type EdgeState, findEdgeState } from './edge-state';
export { type BodyReadResult, readRequestBody } from './read-body';
export {
  createRequestView,
  hasRequestBody,
  isPreflight,
  originForm,
  type RequestView,
} from './request-view';
export {
  type EdgeOutcome,
  formatServerTiming,
  runEdgeStages,
  type StageObserver,
  type StageTiming,
} from './run-edge-stages';
export {
  CONTINUE,
  type ContinueDecision,
  type HeaderFields,
  type Identity,
  type RejectDecision,
  type RespondDecision,
  reject,
  type StageDecision,
} from './stage-decision';
export { deleteIdentityHeaders, stripIdentityHeaders } from './strip-identity-headers';

export {
  type ArmDescription,
  ablationEntries,
  buildArmReport,
  compareArms,
  reductionPercent,
} from './build-report';
export { evaluateGate, holdsObjectives } from './gate';
export { describeMachine } from './machine';
export { renderHtml } from './render-html';
export { renderArmText, renderText } from './render-text';
export { summarizeLatency, summarizeRoute } from './summarize';
export type {
  AblationEntry,
  ArmReport,
  BenchReport,
  CapacityResult,
  CapacityStep,
  GateResult,
  RouteSummary,
} from './types';
export { reportTimestamp, writeReport } from './write-report';

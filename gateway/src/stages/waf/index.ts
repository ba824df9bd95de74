export {
  bodyFields,
  headerFields,
  type InspectedField,
  pathField,
  queryFields,
} from './inspected-field';
export { type DecodedText, hasPercentEscape, percentDecode } from './percent-decode';
export { DEFAULT_WAF_RULES } from './rules';
export {
  type LimitViolation,
  type RuleMatch,
  ScoreSheet,
  WafEngine,
  type WafLimits,
  type WafOptions,
  type WafVerdict,
} from './waf-engine';
export { limitProblem, requestBlocked } from './waf-problems';
export {
  INSPECTED_HEADERS,
  type PatternRule,
  type PredicateRule,
  WAF_CATEGORIES,
  type WafCategory,
  type WafRule,
  type WafTarget,
} from './waf-rule';
export { createWafStage, type WafStageOptions } from './waf-stage';

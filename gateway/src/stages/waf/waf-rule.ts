import type { RequestView } from '../../edge';
import type { InspectedField } from './inspected-field';

export const WAF_CATEGORIES = [
  'sql-injection',
  'xss',
  'path-traversal',
  'command-injection',
  'protocol',
  'scanner',
] as const;
export type WafCategory = (typeof WAF_CATEGORIES)[number];

/** Part of the request a pattern rule inspects: path, query, JSON body keys and strings, or headers. */
export type WafTarget = 'path' | 'query' | 'body' | 'header';

interface RuleBase {
  /** Stable id shown in 403 responses and logs, e.g. `sqli-union-select`. */
  readonly id: string;
  readonly category: WafCategory;
  /** Points added once when the rule matches anywhere in the request. */
  readonly score: number;
  readonly description: string;
}

/** A rule that matches a regular expression against the inspected values of its targets. */
export interface PatternRule extends RuleBase {
  readonly targets: readonly WafTarget[];
  /**
   * `decoded` (default) tests the value percent-decoded once, and also decoded up to twice more
   * when that still contains escapes. `raw` tests the value exactly as received.
   */
  readonly form?: 'decoded' | 'raw';
  /** Header names inspected for the `header` target; default INSPECTED_HEADERS. */
  readonly headers?: readonly string[];
  /**
   * Must not use the `g` or `y` flag, whose lastIndex state would leak between requests. Must
   * not backtrack over its input, which `waf-pattern-time.test.ts` checks: two quantifiers that
   * can take the same white space, such as `\s*\/?\s*`, take quadratic time on a long run of it.
   */
  readonly pattern: RegExp;
}

/** A rule that examines the request itself and returns where it matched, or undefined. */
export interface PredicateRule extends RuleBase {
  readonly test: (view: RequestView, fields: readonly InspectedField[]) => string | undefined;
}

export type WafRule = PatternRule | PredicateRule;

export function isPatternRule(rule: WafRule): rule is PatternRule {
  return 'pattern' in rule;
}

/** Headers that carry client-chosen text worth inspecting; the rest are protocol fields. */
export const INSPECTED_HEADERS = [
  'user-agent',
  'referer',
  'cookie',
  'x-forwarded-for',
  'x-forwarded-host',
] as const;

import type { Objectives } from '../options';
import type { GateCheck, GateResult, RouteSummary } from './types';

/**
 * Checks one arm's overall figures against the objectives: P95 at most the threshold, P99,
 * error ratio under theirs, and hit ratio above its threshold. A run without X-Cache headers has
 * no hit ratio and fails that check. A threshold of 0 for the hit ratio turns that check off.
 */
export function evaluateGate(
  arm: string,
  overall: RouteSummary,
  thresholds: Objectives,
): GateResult {
  const checks: GateCheck[] = [
    {
      name: 'p95',
      value: overall.p95Ms,
      threshold: thresholds.p95Ms,
      unit: 'ms',
      passed: overall.responses > 0 && overall.p95Ms <= thresholds.p95Ms,
    },
    {
      name: 'p99',
      value: overall.p99Ms,
      threshold: thresholds.p99Ms,
      unit: 'ms',
      passed: overall.responses > 0 && overall.p99Ms < thresholds.p99Ms,
    },
    {
      name: 'errors',
      value: overall.errorRatio,
      threshold: thresholds.errorRatio,
      unit: 'ratio',
      passed: overall.requests > 0 && overall.errorRatio < thresholds.errorRatio,
    },
  ];
  if (thresholds.hitRatio > 0) {
    checks.push({
      name: 'hit ratio',
      value: overall.hitRatio,
      threshold: thresholds.hitRatio,
      unit: 'ratio',
      passed: overall.hitRatio !== null && overall.hitRatio > thresholds.hitRatio,
    });
  }
  return { arm, thresholds, passed: checks.every((check) => check.passed), checks };
}

/**
 * Checks whether a capacity step held the latency and error objectives. The hit ratio is left
 * out, because the baseline arm has no cache.
 */
export function holdsObjectives(overall: RouteSummary, thresholds: Objectives): boolean {
  return evaluateGate('step', overall, { ...thresholds, hitRatio: 0 }).passed;
}

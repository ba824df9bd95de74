import type { Objectives } from '../options';
import { evaluateGate, holdsObjectives } from './gate';
import type { RouteSummary } from './types';

const OBJECTIVES: Objectives = { p95Ms: 120, p99Ms: 200, errorRatio: 0.01, hitRatio: 0.6 };

function overall(values: Partial<RouteSummary>): RouteSummary {
  return {
    route: 'overall',
    p50Ms: 5,
    p90Ms: 10,
    p95Ms: 12,
    p99Ms: 30,
    maxMs: 90,
    meanMs: 6,
    requests: 1000,
    responses: 1000,
    throughputPerSecond: 500,
    errors: 0,
    errorRatio: 0,
    errorReasons: {},
    statuses: {},
    cache: {},
    hitRatio: 0.85,
    ...values,
  };
}

function failedChecks(summary: RouteSummary, thresholds = OBJECTIVES): string[] {
  return evaluateGate('optimized', summary, thresholds)
    .checks.filter((check) => !check.passed)
    .map((check) => check.name);
}

describe('evaluateGate', () => {
  it('passes an arm within every objective', () => {
    const result = evaluateGate('optimized', overall({}), OBJECTIVES);
    expect(result.passed).toBe(true);
    expect(result.checks).toHaveLength(4);
  });

  it('treats P95 and P99 bounds differently', () => {
    expect(failedChecks(overall({ p95Ms: 120 }))).toEqual([]);
    expect(failedChecks(overall({ p99Ms: 200 }))).toEqual(['p99']);
  });

  it.each([
    [{ p95Ms: 120.5 }, 'p95'],
    [{ errorRatio: 0.01 }, 'errors'],
    [{ hitRatio: 0.6 }, 'hit ratio'],
    [{ hitRatio: null }, 'hit ratio'],
  ])('fails %j', (values, check) => {
    expect(failedChecks(overall(values))).toEqual([check]);
    expect(evaluateGate('optimized', overall(values), OBJECTIVES).passed).toBe(false);
  });

  it('fails an arm that answered nothing', () => {
    expect(failedChecks(overall({ responses: 0, requests: 0, p95Ms: 0, p99Ms: 0 }))).toEqual([
      'p95',
      'p99',
      'errors',
    ]);
  });

  it('drops the hit-ratio check at a threshold of 0', () => {
    const result = evaluateGate('target', overall({ hitRatio: null }), {
      ...OBJECTIVES,
      hitRatio: 0,
    });
    expect(result.passed).toBe(true);
    expect(result.checks.map((check) => check.name)).toEqual(['p95', 'p99', 'errors']);
  });
});

describe('holdsObjectives', () => {
  it('ignores the hit ratio, which an arm without cache cannot meet', () => {
    expect(holdsObjectives(overall({ hitRatio: null }), OBJECTIVES)).toBe(true);
    expect(holdsObjectives(overall({ p99Ms: 250 }), OBJECTIVES)).toBe(false);
  });
});

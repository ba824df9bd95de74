import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  baseName,
  declaredMetricNames,
  defaultMetricNames,
  metricNamesIn,
  recordedMetricNames,
} from './declared-metrics';
import { runPromtool } from './promtool';
import { readYamlFile, repositoryPath } from './repository';

interface AlertRule {
  alert: string;
  expr: string;
  annotations?: { summary?: string; runbook?: string };
}

interface RuleFile {
  groups: { name: string; rules: (AlertRule | { record: string })[] }[];
}

interface RuleTestFile {
  tests: { alert_rule_test?: { alertname: string; exp_alerts?: unknown[] }[] }[];
}

const ALERTS_FILE = 'infra/prometheus/rules/alerts.yml';
const TESTS_FILE = 'infra/prometheus/tests/alerts.test.yml';
const alerts = (readYamlFile(ALERTS_FILE) as RuleFile).groups
  .flatMap((group) => group.rules)
  .filter((rule): rule is AlertRule => 'alert' in rule);
const ruleTests = (readYamlFile(TESTS_FILE) as RuleTestFile).tests.flatMap(
  (test) => test.alert_rule_test ?? [],
);

/**
 * Alerts whose expression compares states or switches rather than a measured figure, so a 5 %
 * change of a number in it does not test them.
 */
const STATE_ALERTS = new Set(['CircuitBreakerOpen', 'RollbackGuardHolding', 'RollbackInForce']);

/** Condition that keeps the latency alerts off routes with too few requests. */
const RATE_FLOOR = / and on \(service, route\) route:http_requests:rate_5m >= 0\.1$/;

/**
 * Returns the number an alert compares its figure against: `0.120` in `... > 0.120`, or in
 * `... > 0.120 and on (...) ... > 0.1`, where the first comparison is the alert's own.
 */
function thresholdOf(rule: AlertRule): string {
  const match = /[<>]=?\s*([0-9.]+)/.exec(rule.expr);
  if (!match?.[1]) throw new Error(`${rule.alert} has no numeric threshold in its expr`);
  return match[1];
}

/** Runs the rule tests on a copy of the prometheus folder whose alert file has one threshold changed. */
function testWithThreshold(rule: AlertRule, threshold: number): number | null {
  return testWithExpr(rule, rule.expr.replace(thresholdOf(rule), String(threshold)));
}

/** Runs the rule tests on a copy of the prometheus folder with one alert's expression replaced. */
function testWithExpr(rule: AlertRule, changedExpr: string): number | null {
  const copy = mkdtempSync(path.join(tmpdir(), 'rules-'));
  try {
    cpSync(repositoryPath('infra/prometheus'), copy, { recursive: true });
    const alertsPath = path.join(copy, 'rules', 'alerts.yml');
    const original = readFileSync(alertsPath, 'utf8');
    writeFileSync(alertsPath, original.replace(rule.expr, changedExpr));
    return runPromtool(['test', 'rules', 'alerts.test.yml'], path.join(copy, 'tests')).status;
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

describe('Prometheus rules', () => {
  test('rule files pass promtool check rules', () => {
    const result = runPromtool([
      'check',
      'rules',
      repositoryPath('infra/prometheus/rules/recording.yml'),
      repositoryPath(ALERTS_FILE),
    ]);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  test('rule expressions name only metrics the processes export', async () => {
    const known = new Set([
      ...declaredMetricNames(),
      ...(await defaultMetricNames()),
      ...recordedMetricNames(),
    ]);
    const files = ['infra/prometheus/rules/recording.yml', ALERTS_FILE].map(
      (file) => readYamlFile(file) as RuleFile,
    );
    const expressions = files.flatMap((file) =>
      file.groups.flatMap((group) => group.rules.map((rule) => (rule as { expr: string }).expr)),
    );
    const unknown = expressions.flatMap((expr) =>
      metricNamesIn(expr).filter((name) => !known.has(name) && !known.has(baseName(name))),
    );
    expect(unknown).toEqual([]);
  });

  test('rule unit tests pass promtool test rules', () => {
    const result = runPromtool(['test', 'rules', repositoryPath(TESTS_FILE)]);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  test.each(alerts.map((rule) => [rule.alert, rule]))(
    '%s has a summary and a runbook',
    (_, rule) => {
      expect(rule.annotations?.summary).toBeTruthy();
      expect(rule.annotations?.runbook?.length).toBeGreaterThan(40);
    },
  );

  test.each(alerts.map((rule) => [rule.alert]))('%s has a firing test', (name) => {
    const firing = ruleTests.filter(
      (test) => test.alertname === name && (test.exp_alerts?.length ?? 0) > 0,
    );
    expect(firing.length).toBeGreaterThan(0);
  });

  test.each(alerts.map((rule) => [rule.alert]))('%s has a quiet test', (name) => {
    const quiet = ruleTests.filter(
      (test) => test.alertname === name && (test.exp_alerts?.length ?? 0) === 0,
    );
    expect(quiet.length).toBeGreaterThan(0);
  });

  test.each(
    alerts.filter((rule) => !STATE_ALERTS.has(rule.alert)).map((rule) => [rule.alert, rule]),
  )('%s tests fail when its threshold moves up or down by 5 %%', (_, rule) => {
    const threshold = Number(thresholdOf(rule));
    expect(testWithThreshold(rule, threshold * 1.05)).not.toBe(0);
    expect(testWithThreshold(rule, threshold * 0.95)).not.toBe(0);
  });

  test.each(alerts.filter((rule) => RATE_FLOOR.test(rule.expr)).map((rule) => [rule.alert, rule]))(
    '%s tests fail without the request rate floor',
    (_, rule) => {
      expect(testWithExpr(rule, rule.expr.replace(RATE_FLOOR, ''))).not.toBe(0);
    },
  );

  test('latency alerts both have the request rate floor', () => {
    const floored = alerts.filter((rule) => RATE_FLOOR.test(rule.expr)).map((rule) => rule.alert);
    expect(floored).toEqual(['PerformanceRegression', 'TailLatencyDegradation']);
  });

  test('CircuitBreakerOpen tests fail when the alert counts only open', () => {
    const rule = alerts.find((candidate) => candidate.alert === 'CircuitBreakerOpen');
    if (!rule) throw new Error('CircuitBreakerOpen is missing');
    expect(testWithExpr(rule, 'max by (breaker) (gateway_breaker_state) == 2')).not.toBe(0);
  });
});

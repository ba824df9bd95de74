import {
  baseName,
  declaredMetricNames,
  defaultMetricNames,
  metricNamesIn,
  recordedMetricNames,
} from './declared-metrics';
import { readRepositoryFile } from './repository';

interface Panel {
  title: string;
  targets: { expr: string }[];
  fieldConfig: { defaults: { thresholds?: { steps: { value: number | null }[] } } };
}

const dashboard = JSON.parse(readRepositoryFile('infra/grafana/dashboards/platform.json')) as {
  uid: string;
  panels: Panel[];
};

function thresholdsOf(title: string): (number | null)[] {
  const panel = dashboard.panels.find((candidate) => candidate.title === title);
  return (panel?.fieldConfig.defaults.thresholds?.steps ?? []).map((step) => step.value);
}

describe('Grafana dashboard', () => {
  const queries = dashboard.panels.flatMap((panel) =>
    panel.targets.map((target) => ({ panel: panel.title, expr: target.expr })),
  );

  test('every query names a metric the processes export or a recording rule', async () => {
    const known = new Set([
      ...declaredMetricNames(),
      ...(await defaultMetricNames()),
      ...recordedMetricNames(),
    ]);
    const unknown = queries.flatMap(({ panel, expr }) =>
      metricNamesIn(expr)
        .filter((name) => !known.has(name) && !known.has(baseName(name)))
        .map((name) => `${panel}: ${name}`),
    );
    expect(unknown).toEqual([]);
  });

  test('every panel has at least one query', () => {
    const empty = dashboard.panels.filter((panel) => panel.targets.length === 0);
    expect(empty.map((panel) => panel.title)).toEqual([]);
  });

  test.each([
    ['Gateway latency percentiles by route', 0.12],
    ['Gateway latency percentiles by route', 0.2],
    ['Gateway 5xx error ratio', 0.01],
    ['Cache hit ratio by route', 0.6],
    ['Database P95 by statement', 0.05],
    ['Gateway middleware P95', 0.03],
  ])('%s shows the objective %d as a threshold', (title, objective) => {
    expect(thresholdsOf(title)).toContain(objective);
  });

  test('dashboard has a fixed uid for links and provisioning', () => {
    expect(dashboard.uid).toBe('scholarships-platform');
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRegistry } from '@scholarships/metrics';
import { readYamlFile, repositoryPath } from './repository';

/** Source folders of the four processes and the packages they run. */
const SOURCE_ROOTS = ['gateway/src', 'services', 'packages'];

/** `name: 'metric_name'` inside a prom-client, `BucketHistogram` or `SeriesCounter` declaration. */
const DECLARATION =
  /new (?:Counter|Gauge|Histogram|BucketHistogram|SeriesCounter|Summary)\s*(?:<[^>]*>)?\(\s*\{\s*name:\s*'([a-z_:][a-z0-9_:]*)'/g;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const entryPath = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(entryPath);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [entryPath] : [];
  });
}

/** Returns the metric names declared in the processes' source code. */
export function declaredMetricNames(): Set<string> {
  const names = new Set<string>();
  for (const root of SOURCE_ROOTS) {
    for (const file of sourceFiles(repositoryPath(root))) {
      for (const match of readFileSync(file, 'utf8').matchAll(DECLARATION)) {
        if (match[1]) names.add(match[1]);
      }
    }
  }
  return names;
}

/** Returns the names of the Node.js default metrics that every process collects. */
export async function defaultMetricNames(): Promise<Set<string>> {
  const registry = createRegistry({ service: 'probe' });
  const metrics = await registry.getMetricsAsJSON();
  registry.clear();
  return new Set(metrics.map((metric) => metric.name));
}

/** Returns the names of the recording rules under infra/prometheus/rules. */
export function recordedMetricNames(): Set<string> {
  const file = readYamlFile('infra/prometheus/rules/recording.yml') as {
    groups: { rules: { record?: string }[] }[];
  };
  return new Set(
    file.groups.flatMap((group) =>
      group.rules.flatMap((rule) => (rule.record ? [rule.record] : [])),
    ),
  );
}

/** PromQL words that look like metric names but are functions, keywords or label names. */
const PROMQL_WORDS = new Set([
  'sum',
  'max',
  'min',
  'avg',
  'count',
  'by',
  'without',
  'rate',
  'irate',
  'increase',
  'min_over_time',
  'max_over_time',
  'histogram_quantile',
  'le',
  'on',
  'ignoring',
  'and',
  'or',
  'unless',
  'offset',
]);
const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'];

/** Returns the metric names in a PromQL expression, skipping label matchers, ranges and `$__` variables. */
export function metricNamesIn(expr: string): string[] {
  const withoutLabels = expr
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\$__\w+/g, ' ');
  const withoutGrouping = withoutLabels.replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, ' ');
  const words = withoutGrouping.match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? [];
  return words.filter((word) => !PROMQL_WORDS.has(word) && !/^\d/.test(word));
}

/** Returns the metric a histogram or summary series belongs to, e.g. `x` for `x_bucket`. */
export function baseName(name: string): string {
  const suffix = HISTOGRAM_SUFFIXES.find((candidate) => name.endsWith(candidate));
  return suffix ? name.slice(0, -suffix.length) : name;
}

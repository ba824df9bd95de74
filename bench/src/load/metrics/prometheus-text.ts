/** One sample of the Prometheus text exposition format. */
export interface MetricSample {
  name: string;
  labels: Readonly<Record<string, string>>;
  value: number;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\S+)?$/;
const LABEL_PAIR = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function unescapeLabel(value: string): string {
  return value.replace(/\\(["\\n])/g, (_, escaped: string) => (escaped === 'n' ? '\n' : escaped));
}

function parseValue(text: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

/** Parses the samples of a /metrics body; comments and malformed lines are skipped. */
export function parsePrometheusText(text: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const match = SAMPLE_LINE.exec(line.trim());
    if (match === null) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(LABEL_PAIR)) {
      labels[pair[1] ?? ''] = unescapeLabel(pair[2] ?? '');
    }
    samples.push({ name: match[1] ?? '', labels, value: parseValue(match[3] ?? '') });
  }
  return samples;
}

/** Selects samples of `name` whose labels include every pair of `match`. */
export function selectSamples(
  samples: readonly MetricSample[],
  name: string,
  match: Readonly<Record<string, string>> = {},
): MetricSample[] {
  return samples.filter(
    (sample) =>
      sample.name === name &&
      Object.entries(match).every(([label, value]) => sample.labels[label] === value),
  );
}

/** Adds up the selected samples; 0 when none match. */
export function sumSamples(
  samples: readonly MetricSample[],
  name: string,
  match: Readonly<Record<string, string>> = {},
): number {
  return selectSamples(samples, name, match).reduce((sum, sample) => sum + sample.value, 0);
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)/;
const LABEL_PAIR = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/**
 * Sums the samples of one metric in Prometheus text exposition whose labels include every
 * pair in `labels`. Other labels may take any value.
 */
export function sumSamples(
  exposition: string,
  metric: string,
  labels: Readonly<Record<string, string>> = {},
): number {
  let sum = 0;
  for (const line of exposition.split('\n')) {
    const match = SAMPLE_LINE.exec(line);
    if (match === null || match[1] !== metric) continue;
    const sampleLabels = parseLabels(match[2] ?? '');
    const selected = Object.entries(labels).every(([name, value]) => sampleLabels[name] === value);
    if (selected) sum += Number(match[3]);
  }
  return sum;
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [, name, value] of text.matchAll(LABEL_PAIR)) {
    if (name !== undefined && value !== undefined) labels[name] = value;
  }
  return labels;
}

/** Fetches a process's `/metrics` and sums one metric's samples, as `sumSamples` does. */
export async function readMetric(
  baseUrl: string,
  metric: string,
  labels: Readonly<Record<string, string>> = {},
): Promise<number> {
  const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(5000) });
  return sumSamples(await response.text(), metric, labels);
}

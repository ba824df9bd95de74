/** Latency percentiles of one statement's workload, in milliseconds. */
export interface LatencyRow {
  statement: string;
  workload: string;
  runs: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of sorted values: the smallest value with at least `p` % at or below it. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

/** Summarizes the measured durations of one workload, in milliseconds, as a row. */
export function latencyRow(
  statement: string,
  workload: string,
  durations: readonly number[],
): LatencyRow {
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    statement,
    workload,
    runs: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/**
 * Formats the rows as a Markdown table with a column that compares P95 with the target,
 * milliseconds shown with `decimals` digits (default 2).
 */
export function formatLatencyTable(
  rows: readonly LatencyRow[],
  p95TargetMs: number,
  decimals = 2,
): string {
  const ms = (value: number) => value.toFixed(decimals);
  return [
    `| statement | workload | runs | P50 ms | P95 ms | P99 ms | max ms | P95 < ${p95TargetMs} ms |`,
    '|---|---|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (row) =>
        `| ${row.statement} | ${row.workload} | ${row.runs} | ${ms(row.p50)} | ${ms(row.p95)} | ` +
        `${ms(row.p99)} | ${ms(row.max)} | ${row.p95 < p95TargetMs ? 'yes' : 'no'} |`,
    ),
  ].join('\n');
}

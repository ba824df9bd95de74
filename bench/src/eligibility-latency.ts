/** Latency of one workload of one statement, in milliseconds. */
export interface EligibilityLatencyRow {
  statement: string;
  workload: string;
  runs: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of ascending values: the smallest value with `p` % of them at or below it. */
function nearestRank(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

export function summarizeDurations(
  statement: string,
  workload: string,
  durations: readonly number[],
): EligibilityLatencyRow {
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    statement,
    workload,
    runs: sorted.length,
    p50: nearestRank(sorted, 50),
    p95: nearestRank(sorted, 95),
    p99: nearestRank(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** Formats the rows as a Markdown table, with a column comparing P95 with the target. */
export function latencyTable(rows: readonly EligibilityLatencyRow[], targetMs: number): string {
  const ms = (value: number) => value.toFixed(2);
  const lines = rows.map(
    (row) =>
      `| ${row.statement} | ${row.workload} | ${row.runs} | ${ms(row.p50)} | ${ms(row.p95)} | ` +
      `${ms(row.p99)} | ${ms(row.max)} | ${row.p95 < targetMs ? 'yes' : 'no'} |`,
  );
  return [
    `| statement | workload | runs | P50 ms | P95 ms | P99 ms | max ms | P95 < ${targetMs} ms |`,
    '|---|---|---:|---:|---:|---:|---:|---|',
    ...lines,
  ].join('\n');
}

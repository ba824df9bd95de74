/** Latency percentiles of one statement, in milliseconds. */
export interface LatencyRow {
  statement: string;
  label: string;
  runs: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of sorted values: the smallest value with at least `p`% at or below it. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

export function createLatencyTable() {
  const rows: LatencyRow[] = [];
  return {
    add(statement: string, label: string, durations: readonly number[]): void {
      const sorted = [...durations].sort((a, b) => a - b);
      rows.push({
        statement,
        label,
        runs: sorted.length,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        max: sorted.at(-1) ?? Number.NaN,
      });
    },
    rows: (): readonly LatencyRow[] => rows,
  };
}

/** Prints the rows as a Markdown table; returns whether every P95 is under the target. */
export function printLatencyTable(rows: readonly LatencyRow[], p95TargetMs: number): boolean {
  const format = (ms: number) => ms.toFixed(3);
  const lines = [
    `| statement | workload | runs | P50 ms | P95 ms | P99 ms | max ms | P95 < ${p95TargetMs} ms |`,
    '|---|---|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (row) =>
        `| ${row.statement} | ${row.label} | ${row.runs} | ${format(row.p50)} | ` +
        `${format(row.p95)} | ${format(row.p99)} | ${format(row.max)} | ` +
        `${row.p95 < p95TargetMs ? 'yes' : 'no'} |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return rows.every((row) => row.p95 < p95TargetMs);
}

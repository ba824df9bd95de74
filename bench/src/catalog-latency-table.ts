import { formatLatencyTable, type LatencyRow, latencyRow } from './latency-table';

/** Collects one row per measured workload. */
export function createLatencyTable() {
  const rows: LatencyRow[] = [];
  return {
    add(statement: string, label: string, durations: readonly number[]): void {
      rows.push(latencyRow(statement, label, durations));
    },
    rows: (): readonly LatencyRow[] => rows,
  };
}

/** Prints the rows as a Markdown table; returns whether every P95 is under the target. */
export function printLatencyTable(rows: readonly LatencyRow[], p95TargetMs: number): boolean {
  process.stdout.write(`${formatLatencyTable(rows, p95TargetMs, 3)}\n`);
  return rows.every((row) => row.p95 < p95TargetMs);
}

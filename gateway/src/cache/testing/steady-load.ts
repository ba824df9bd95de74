/** Latency figures of a load run, in milliseconds. */
export interface LoadReport {
  requests: number;
  /** Responses whose status was not the expected one, and rejected calls. */
  failures: number;
  statuses: Record<string, number>;
  p50: number;
  p99: number;
  max: number;
}

export interface LoadOptions {
  /** How long the load runs. */
  durationMs: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Upper bound on requests, so a run ends even if every call returns at once. */
  maxRequests: number;
  /** Sends request number `index` and resolves with its status. */
  send(index: number): Promise<number>;
  /** Statuses counted as successes. Default: 200 only. */
  expected?: readonly number[];
}

/** Runs a bounded, steady load: `concurrency` loops, each sending one request after another. */
export async function runSteadyLoad(options: LoadOptions): Promise<LoadReport> {
  const expected = new Set(options.expected ?? [200]);
  const deadline = performance.now() + options.durationMs;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  let failures = 0;
  const loop = async () => {
    while (performance.now() < deadline && next < options.maxRequests) {
      const index = next;
      next += 1;
      const started = performance.now();
      const status = await options.send(index).catch(() => -1);
      latencies.push(performance.now() - started);
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
      if (!expected.has(status)) failures += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  latencies.sort((left, right) => left - right);
  return {
    requests: latencies.length,
    failures,
    statuses,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: Math.round((latencies.at(-1) ?? 0) * 10) / 10,
  };
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return Math.round((sorted[index] ?? 0) * 10) / 10;
}

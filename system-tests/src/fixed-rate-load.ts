import { setTimeout as sleep } from 'node:timers/promises';

/** One request of a load run. Times are milliseconds from the start of the run. */
export interface LoadSample {
  sentAt: number;
  latencyMs: number;
  /** HTTP status, or 0 when the request failed at the transport or timed out. */
  status: number;
}

export interface FixedRateLoadOptions {
  ratePerSecond: number;
  durationMs: number;
  /** Limit for one request. A request still running then counts as status 0. */
  requestTimeoutMs: number;
  /** Sends request number `index`, aborting on `signal`, and resolves with its status. */
  send(index: number, signal: AbortSignal): Promise<number>;
}

/**
 * Sends requests at a fixed rate whatever the responses take (an open loop), so a slow phase
 * cannot lower the load. It sends `ratePerSecond * durationMs / 1000` requests in all and
 * resolves when every one has ended.
 */
export async function runFixedRateLoad(options: FixedRateLoadOptions): Promise<LoadSample[]> {
  const total = Math.round((options.ratePerSecond * options.durationMs) / 1000);
  const intervalMs = 1000 / options.ratePerSecond;
  const startedAt = performance.now();
  const pending: Promise<LoadSample>[] = [];
  for (let index = 0; index < total; index += 1) {
    const delayMs = startedAt + index * intervalMs - performance.now();
    if (delayMs > 0) await sleep(delayMs);
    pending.push(sendTimed(options, index, startedAt));
  }
  return Promise.all(pending);
}

async function sendTimed(
  options: FixedRateLoadOptions,
  index: number,
  startedAt: number,
): Promise<LoadSample> {
  const sentAt = performance.now();
  const signal = AbortSignal.timeout(options.requestTimeoutMs);
  const status = await options.send(index, signal).catch(() => 0);
  return { sentAt: sentAt - startedAt, latencyMs: performance.now() - sentAt, status };
}

/** Latency figures of some samples, in milliseconds, rounded to 0.1 ms. */
export interface LatencySummary {
  requests: number;
  failures: number;
  p50: number;
  p99: number;
  max: number;
}

/** Summarizes samples. A failure is any status other than 200. */
export function summarize(samples: readonly LoadSample[]): LatencySummary {
  const latencies = samples.map((sample) => sample.latencyMs).sort((left, right) => left - right);
  return {
    requests: samples.length,
    failures: samples.filter((sample) => sample.status !== 200).length,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: round(latencies.at(-1) ?? 0),
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return round(sorted[index] ?? 0);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

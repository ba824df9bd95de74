import { Agent, request } from 'node:http';

/**
 * A closed-loop HTTP load client, run in its own process (forked by cache-throughput.ts) so it
 * does not share the measured server's event loop. Each of `connections` loops sends one request
 * over a keep-alive connection, reads the whole response, and sends the next, until the duration
 * or the request bound ends the case.
 */
export interface LoadCase {
  /** Origin, e.g. `http://127.0.0.1:40123`. */
  url: string;
  path: string;
  /** Appends `-<counter>` to each path, whose last parameter is then a new cache key each time. */
  uniquePaths: boolean;
  headers: Record<string, string>;
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** Upper bound on measured requests, whichever ends first. */
  maxRequests: number;
}

export interface LoadResult {
  requests: number;
  /** Responses with a status other than 200, and network errors. */
  failures: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  /** Value of X-Cache on the last response, to confirm what each case measured. */
  lastXCache: string;
}

let counter = 0;

function sendOne(agent: Agent, load: LoadCase): Promise<{ ok: boolean; xCache: string }> {
  counter += 1;
  const path = load.uniquePaths ? `${load.path}-${process.pid}-${counter}` : load.path;
  return new Promise((resolve) => {
    const outgoing = request(`${load.url}${path}`, { agent, headers: load.headers });
    outgoing.on('error', () => resolve({ ok: false, xCache: '' }));
    outgoing.on('response', (response) => {
      response.resume();
      response.on('end', () => {
        const xCache = String(response.headers['x-cache'] ?? '');
        resolve({ ok: response.statusCode === 200, xCache });
      });
    });
    outgoing.end();
  });
}

async function runLoop(agent: Agent, load: LoadCase, until: number, sink: number[] | undefined) {
  let failures = 0;
  let xCache = '';
  while (performance.now() < until && (sink === undefined || sink.length < load.maxRequests)) {
    const startedAt = performance.now();
    const result = await sendOne(agent, load);
    sink?.push(performance.now() - startedAt);
    if (!result.ok) failures += 1;
    xCache = result.xCache;
  }
  return { failures, xCache };
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

/** Runs one case: a warm-up whose latencies are dropped, then the measured phase. */
export async function runLoad(load: LoadCase): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: load.connections });
  const loops = Array.from({ length: load.connections });
  const warmupEnd = performance.now() + load.warmupMs;
  await Promise.all(loops.map(() => runLoop(agent, load, warmupEnd, undefined)));
  const latencies: number[] = [];
  const startedAt = performance.now();
  const end = startedAt + load.durationMs;
  const outcomes = await Promise.all(loops.map(() => runLoop(agent, load, end, latencies)));
  const seconds = (performance.now() - startedAt) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    failures: outcomes.reduce((sum, outcome) => sum + outcome.failures, 0),
    seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    lastXCache: outcomes[0]?.xCache ?? '',
  };
}

if (require.main === module) {
  process.once('message', (load: LoadCase) => {
    runLoad(load).then(
      (result) => process.send?.(result, () => process.exit(0)),
      () => process.exit(1),
    );
  });
}

import autocannon from 'autocannon';

/**
 * A closed-loop HTTP load client, run in its own process (forked by cache-throughput.ts) so it
 * does not share the measured server's event loop. It drives autocannon, whose HTTP client costs
 * a fraction of `node:http`'s per request. A `node:http` client saturates its own core at about
 * 19,000 requests/s on a 2-core machine, which would cap the bare server's figure there and make
 * every ratio to it look better than it is.
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
}

export interface LoadResult {
  requests: number;
  /** Responses after the warm-up with a status other than 2xx, plus errors of the whole run. */
  failures: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
}

let counter = 0;

/**
 * Returns the request list of a case. A fixed path is sent as autocannon built it once. A new
 * path per request needs `setupRequest`, which rebuilds every request and about halves the
 * client's rate, so only the miss case uses it.
 */
function requestsOf(load: LoadCase): autocannon.Request[] | undefined {
  if (!load.uniquePaths) return undefined;
  return [
    {
      setupRequest: (request) => {
        counter += 1;
        request.path = `${load.path}-${process.pid}-${counter}`;
        return request;
      },
    },
  ];
}

interface Measured {
  latencies: number[];
  failedStatuses: number;
  startedAt: number;
  endedAt: number;
}

/**
 * Runs one autocannon instance for the warm-up and the measured phase together, so the measured
 * phase uses connections that are already open. Each response that finishes after the warm-up
 * is recorded with its exact latency and whether its status was 2xx. autocannon's own histogram
 * keeps whole milliseconds, too coarse for a bare server's P99.
 */
function drive(load: LoadCase): Promise<{ result: autocannon.Result; measured: Measured }> {
  const measured: Measured = { latencies: [], failedStatuses: 0, startedAt: 0, endedAt: 0 };
  return new Promise((resolve, reject) => {
    const requests = requestsOf(load);
    const options: autocannon.Options = {
      url: `${load.url}${load.path}`,
      connections: load.connections,
      duration: (load.warmupMs + load.durationMs) / 1000,
      headers: load.headers,
      ...(requests === undefined ? {} : { requests }),
    };
    const instance = autocannon(options, (error, result) => {
      measured.endedAt = performance.now();
      if (error === null || error === undefined) resolve({ result, measured });
      else reject(error);
    });
    measured.startedAt = performance.now() + load.warmupMs;
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (performance.now() < measured.startedAt) return;
      measured.latencies.push(responseTime);
      if (statusCode < 200 || statusCode > 299) measured.failedStatuses += 1;
    });
  });
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

/** Runs one case: a warm-up whose responses are not counted, then the measured phase. */
export async function runLoad(load: LoadCase): Promise<LoadResult> {
  const { result, measured } = await drive(load);
  const latencies = measured.latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    // autocannon counts timeouts among its errors.
    failures: measured.failedStatuses + result.errors,
    seconds: (measured.endedAt - measured.startedAt) / 1000,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
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

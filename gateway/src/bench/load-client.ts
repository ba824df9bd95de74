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
  /** Responses with a status other than 2xx, errors and timeouts. */
  failures: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  /** Value of X-Cache of one more request after the run, to confirm what the case measured. */
  lastXCache: string;
}

let counter = 0;

function nextPath(load: LoadCase): string {
  counter += 1;
  return load.uniquePaths ? `${load.path}-${process.pid}-${counter}` : load.path;
}

/** Runs autocannon for `durationMs`, pushing every response's latency in milliseconds to `sink`. */
function drive(load: LoadCase, durationMs: number, sink: number[] | undefined) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const options: autocannon.Options = {
      url: load.url,
      connections: load.connections,
      duration: durationMs / 1000,
      headers: load.headers,
      requests: [
        {
          setupRequest: (request) => {
            request.path = nextPath(load);
            return request;
          },
        },
      ],
    };
    const instance = autocannon(options, (error, result) => {
      if (error === null || error === undefined) resolve(result);
      else reject(error);
    });
    // autocannon's own histogram keeps whole milliseconds; the event carries the exact time.
    if (sink !== undefined) {
      instance.on('response', (_client, _status, _bytes, responseTime) => {
        sink.push(responseTime);
      });
    }
  });
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

async function xCacheOf(load: LoadCase): Promise<string> {
  const response = await fetch(`${load.url}${nextPath(load)}`, { headers: load.headers });
  await response.arrayBuffer();
  return response.headers.get('x-cache') ?? '';
}

/** Runs one case: a warm-up whose latencies are dropped, then the measured phase. */
export async function runLoad(load: LoadCase): Promise<LoadResult> {
  await drive(load, load.warmupMs, undefined);
  const latencies: number[] = [];
  const result = await drive(load, load.durationMs, latencies);
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    failures: result.non2xx + result.errors + result.timeouts,
    seconds: result.duration,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    lastXCache: await xCacheOf(load),
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

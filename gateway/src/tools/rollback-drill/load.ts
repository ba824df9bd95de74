/** Counts of a load run. */
export interface LoadReport {
  sent: number;
  failed: number;
}

export interface LoadOptions {
  /** Origin of the gateway, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Requests started per second. */
  ratePerSecond: number;
  /** Maximum requests waiting for a response; the load skips a tick when it is reached. */
  maxInFlight: number;
  /** Path of the n-th request. */
  pathOf(index: number): string;
}

/** Bounded open-loop load that runs until `stop` is called. */
export interface RunningLoad {
  /** Stops starting requests and resolves when the started ones have settled. */
  stop(): Promise<LoadReport>;
}

/** Starts one request every 1000 / ratePerSecond milliseconds, at most `maxInFlight` at a time. */
export function startLoad(options: LoadOptions): RunningLoad {
  const report: LoadReport = { sent: 0, failed: 0 };
  const inFlight = new Set<Promise<void>>();
  const timer = setInterval(() => {
    if (inFlight.size >= options.maxInFlight) return;
    const path = options.pathOf(report.sent);
    report.sent += 1;
    const request = fetch(`${options.url}${path}`)
      .then((response) => response.arrayBuffer())
      .then(
        () => undefined,
        () => {
          report.failed += 1;
        },
      )
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  }, 1000 / options.ratePerSecond);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.allSettled([...inFlight]);
      return report;
    },
  };
}

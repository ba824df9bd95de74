import { type ExchangeResult, type OutgoingRequest, RequestTimeoutError } from '../client';
import { parseCacheOutcome, RunRecorder } from '../recording';
import { type SchedulerClock, startOpenLoop, systemClock } from '../scheduler';
import type { PlannedRequest, Workload } from '../workload';

/** Extra wait after the last due time for responses still in flight, beyond the request timeout. */
const DRAIN_MARGIN_MS = 1000;

/** The client interface the run uses; `HttpClient` implements it. */
export interface RequestSender {
  send(request: OutgoingRequest, readBody: boolean): Promise<ExchangeResult>;
}

export interface LoadRunOptions {
  client: RequestSender;
  workload: Workload;
  rate: number;
  durationMs: number;
  maxInFlight: number;
  timeoutMs: number;
  /** Called once a second with the recorder, for progress lines. */
  onProgress?: (recorder: RunRecorder, elapsedMs: number) => void;
  /** Stops the run early when it aborts, e.g. on SIGINT. */
  signal?: AbortSignal;
  clock?: SchedulerClock;
}

function failureReason(error: unknown): 'timeout' | 'network' {
  return error instanceof RequestTimeoutError ? 'timeout' : 'network';
}

/**
 * Drives one open-loop run, sending each request at its due time whatever the state of earlier
 * ones. A request that would exceed `maxInFlight` is counted as an `overload` error instead.
 * Resolves after every sent request has received its response or has failed.
 */
export async function runLoad(options: LoadRunOptions): Promise<RunRecorder> {
  const clock = options.clock ?? systemClock;
  const recorder = new RunRecorder(clock.now());
  let inFlight = 0;
  let settle: () => void = () => {};

  function complete(): void {
    inFlight -= 1;
    if (inFlight === 0) settle();
  }

  function send(planned: PlannedRequest, dueNs: bigint): void {
    inFlight += 1;
    options.client.send(planned.request, planned.readBody).then(
      (result) => {
        recorder.recordResponse(
          planned.route,
          { dueNs, endNs: clock.now() },
          {
            status: result.status,
            expected: planned.isExpected(result.status),
            cacheOutcome: parseCacheOutcome(result.headers['x-cache']),
            cacheable: planned.cacheable,
          },
        );
        planned.onResponse?.(result);
        complete();
      },
      (error: unknown) => {
        recorder.recordFailure(planned.route, dueNs, failureReason(error));
        complete();
      },
    );
  }

  const loop = startOpenLoop({
    ratePerSecond: options.rate,
    durationMs: options.durationMs,
    clock,
    dispatch(dueNs) {
      const planned = options.workload.next();
      recorder.recordSent(planned.route, dueNs, clock.now());
      if (inFlight >= options.maxInFlight) recorder.recordFailure(planned.route, dueNs, 'overload');
      else send(planned, dueNs);
    },
  });
  const stop = () => loop.stop();
  options.signal?.addEventListener('abort', stop, { once: true });
  const progress = setInterval(
    () => options.onProgress?.(recorder, Number((clock.now() - recorder.startNs) / 1_000_000n)),
    1000,
  );
  try {
    await loop.finished;
    await drain(
      () => inFlight,
      options.timeoutMs + DRAIN_MARGIN_MS,
      (resolve) => {
        settle = resolve;
      },
    );
  } finally {
    clearInterval(progress);
    options.signal?.removeEventListener('abort', stop);
  }
  return recorder;
}

/** Waits until nothing is in flight, or at most `limitMs`. */
function drain(
  inFlight: () => number,
  limitMs: number,
  onSettle: (resolve: () => void) => void,
): Promise<void> {
  if (inFlight() === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, limitMs);
    onSettle(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

import type { SchedulerClock } from './clock';

const NANOSECONDS_PER_SECOND = 1_000_000_000;

export interface OpenLoopOptions {
  /** Arrivals per second. */
  ratePerSecond: number;
  /** Requests are due during this many milliseconds from the start. */
  durationMs: number;
  clock: SchedulerClock;
  /**
   * Sends request number `index` (from 0), due at `dueNs` on the clock. Called when the request
   * is due, whether or not earlier ones have completed. after a stall of the event loop, every
   * overdue request is dispatched at once with its original due time.
   */
  dispatch(dueNs: bigint, index: number): void;
}

export interface OpenLoop {
  /** Resolves with the number of requests dispatched, after the last one or after stop(). */
  readonly finished: Promise<number>;
  /** Stops dispatching; requests not yet due are not sent. */
  stop(): void;
}

/** Returns the due time of request `index`, in nanoseconds after the start. */
export function dueOffsetNs(index: number, ratePerSecond: number): bigint {
  return BigInt(Math.round((index * NANOSECONDS_PER_SECOND) / ratePerSecond));
}

/**
 * Runs an open-loop arrival schedule: request i is due at start + i / rate. The caller measures
 * latency from the due time, so a slow server or a stalled generator shows up as latency instead
 * of as fewer requests (no coordinated omission).
 */
export function startOpenLoop(options: OpenLoopOptions): OpenLoop {
  const { clock, ratePerSecond } = options;
  const total = Math.floor((options.durationMs / 1000) * ratePerSecond);
  const start = clock.now();
  let next = 0;
  let stopped = false;
  let cancelTimer: (() => void) | undefined;
  let resolveFinished: (count: number) => void = () => {};
  const finished = new Promise<number>((resolve) => {
    resolveFinished = resolve;
  });

  function tick(): void {
    cancelTimer = undefined;
    if (stopped) return;
    const now = clock.now();
    while (next < total) {
      const due = start + dueOffsetNs(next, ratePerSecond);
      if (due > now) break;
      options.dispatch(due, next);
      next += 1;
    }
    if (next >= total) {
      resolveFinished(next);
      return;
    }
    const waitNs = start + dueOffsetNs(next, ratePerSecond) - now;
    cancelTimer = clock.setTimer(tick, Number(waitNs) / 1_000_000);
  }

  tick();
  return {
    finished,
    stop() {
      if (stopped) return;
      stopped = true;
      cancelTimer?.();
      resolveFinished(next);
    },
  };
}

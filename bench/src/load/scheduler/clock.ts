/** Time source and timer of the scheduler; tests inject a manual one. */
export interface SchedulerClock {
  /** Monotonic time in nanoseconds. */
  now(): bigint;
  /** Calls `callback` once after about `delayMs` milliseconds; returns a function that cancels it. */
  setTimer(callback: () => void, delayMs: number): () => void;
}

/** The process's monotonic clock and Node.js timers. */
export const systemClock: SchedulerClock = {
  now: () => process.hrtime.bigint(),
  setTimer(callback, delayMs) {
    const timer = setTimeout(callback, delayMs);
    return () => clearTimeout(timer);
  },
};

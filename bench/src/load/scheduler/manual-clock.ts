import type { SchedulerClock } from './clock';

const MS = 1_000_000n;

/** A clock that moves only when the test advances it, firing timers that come due. */
export class ManualClock implements SchedulerClock {
  private current = 5_000n * MS;
  private timers: { at: bigint; callback: () => void }[] = [];

  now(): bigint {
    return this.current;
  }

  setTimer(callback: () => void, delayMs: number): () => void {
    const timer = { at: this.current + BigInt(Math.ceil(delayMs * 1e6)), callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((candidate) => candidate !== timer);
    };
  }

  /** Moves time forward by `ms`, firing each timer at its own time, like an idle event loop. */
  advance(ms: number): void {
    const end = this.current + BigInt(ms) * MS;
    for (;;) {
      const due = this.timers
        .filter((timer) => timer.at <= end)
        .sort((a, b) => Number(a.at - b.at));
      const first = due[0];
      if (first === undefined) break;
      this.timers = this.timers.filter((timer) => timer !== first);
      if (first.at > this.current) this.current = first.at;
      first.callback();
    }
    this.current = end;
  }

  /** Moves time forward without firing timers, like a blocked event loop. */
  stall(ms: number): void {
    this.current += BigInt(ms) * MS;
  }

  get pendingTimers(): number {
    return this.timers.length;
  }
}

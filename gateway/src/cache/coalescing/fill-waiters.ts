import { LRUCache } from 'lru-cache';
import type { Clock } from '../clock';

export type WaitOutcome = 'filled' | 'timeout' | 'aborted';

/**
 * Requests of this replica waiting for another replica to fill a key. The lease holder publishes
 * the key's hash after storing, and the subscriber calls `notify`. A notification can be read
 * before the lookup reply that made this replica wait, because they arrive on two connections.
 * Recent notifications are therefore remembered briefly, and `wait` returns at once for them.
 */
export class FillWaiters {
  private readonly waiting = new Map<string, Set<(outcome: WaitOutcome) => void>>();
  private readonly recent: LRUCache<string, true>;

  constructor(clock: Clock, recentMs: number) {
    this.recent = new LRUCache<string, true>({
      max: 10_000,
      ttl: recentMs,
      ttlResolution: 0,
      perf: { now: clock },
    });
  }

  wait(hash: string, timeoutMs: number): Promise<WaitOutcome> {
    if (this.recent.delete(hash)) return Promise.resolve('filled');
    return new Promise((resolve) => {
      const listeners = this.waiting.get(hash) ?? new Set();
      this.waiting.set(hash, listeners);
      const finish = (outcome: WaitOutcome) => {
        clearTimeout(timer);
        listeners.delete(finish);
        if (listeners.size === 0 && this.waiting.get(hash) === listeners) this.waiting.delete(hash);
        resolve(outcome);
      };
      const timer = setTimeout(() => finish('timeout'), timeoutMs);
      listeners.add(finish);
    });
  }

  notify(hash: string): void {
    const listeners = this.waiting.get(hash);
    if (listeners === undefined) {
      this.recent.set(hash, true);
      return;
    }
    for (const finish of [...listeners]) finish('filled');
  }

  /** Ends every wait, e.g. when Redis or the subscription fails and no notification can come. */
  abortAll(): void {
    for (const listeners of [...this.waiting.values()]) {
      for (const finish of [...listeners]) finish('aborted');
    }
  }
}

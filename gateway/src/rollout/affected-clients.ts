import { LRUCache } from 'lru-cache';

/** Clients remembered at once. The least recently affected one is forgotten first. */
const MAX_TRACKED_CLIENTS = 50_000;

/**
 * Remembers when each client last got a slow or failed response of the optimized arm, so that
 * the guard can tell a breach that many clients see from one client's own slow requests.
 */
export class AffectedClients {
  private readonly lastAffectedAt = new LRUCache<string, number>({ max: MAX_TRACKED_CLIENTS });

  constructor(private readonly windowMs: number) {}

  /** Records that `clientKey` got a slow or failed response at `nowMs`. */
  record(clientKey: string, nowMs: number): void {
    this.lastAffectedAt.set(clientKey, nowMs);
  }

  /**
   * Counts the clients affected within the window that ends at `nowMs`, stopping at `enough`.
   * Entries come most recently affected first, so the count stops at the first older one too
   * (after a wall-clock step back, it may undercount until the window has passed).
   */
  countSince(nowMs: number, enough: number): number {
    const oldest = nowMs - this.windowMs;
    let count = 0;
    for (const affectedAt of this.lastAffectedAt.values()) {
      if (affectedAt <= oldest || count >= enough) break;
      count += 1;
    }
    return count;
  }

  /** Forgets every client, e.g. when the window is cleared. */
  clear(): void {
    this.lastAffectedAt.clear();
  }
}

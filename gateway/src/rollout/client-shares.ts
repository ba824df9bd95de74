import { LRUCache } from 'lru-cache';

/** Clients whose counts are kept. The least recently seen one is forgotten first. */
const MAX_TRACKED_CLIENTS = 50_000;

interface ClientCount {
  /** Second since the epoch when the client's current period began. */
  since: number;
  count: number;
}

/**
 * Caps how many responses of one client the guard's window counts: at most `perClient` in each
 * period of `periodSeconds`, which starts at the client's first counted response. Responses
 * beyond the cap are left out, so one client's own slow or failing requests cannot fill the
 * window alone.
 */
export class ClientShares {
  private readonly counts = new LRUCache<string, ClientCount>({ max: MAX_TRACKED_CLIENTS });

  constructor(
    private readonly perClient: number,
    private readonly periodSeconds: number,
  ) {}

  /** Counts one response of `clientKey` and returns whether the window may count it too. */
  admit(clientKey: string, nowMs: number): boolean {
    const second = Math.floor(nowMs / 1000);
    const current = this.counts.get(clientKey);
    if (current === undefined || second - current.since >= this.periodSeconds) {
      this.counts.set(clientKey, { since: second, count: 1 });
      return true;
    }
    if (current.count >= this.perClient) return false;
    current.count += 1;
    return true;
  }

  /** Forgets every client, e.g. when the window is cleared. */
  clear(): void {
    this.counts.clear();
  }
}

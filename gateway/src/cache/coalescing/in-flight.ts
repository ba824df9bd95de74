/**
 * Concurrent work per key within this replica: the first caller runs the task and every caller
 * that arrives before it settles shares its promise.
 */
export class InFlight<T> {
  private readonly flights = new Map<string, Promise<T>>();

  /** Runs `task` unless one is in flight for `key`; `leader` is true when it ran. */
  run(key: string, task: () => Promise<T>): { promise: Promise<T>; leader: boolean } {
    const existing = this.flights.get(key);
    if (existing !== undefined) return { promise: existing, leader: false };
    const promise = Promise.resolve().then(task);
    this.flights.set(key, promise);
    const remove = () => {
      if (this.flights.get(key) === promise) this.flights.delete(key);
    };
    promise.then(remove, remove);
    return { promise, leader: true };
  }

  has(key: string): boolean {
    return this.flights.has(key);
  }

  /**
   * Stops sharing the flight for `key` with later callers, after the key was invalidated: its
   * response may predate the change. Callers already waiting still get it.
   */
  forget(key: string): void {
    this.flights.delete(key);
  }
}

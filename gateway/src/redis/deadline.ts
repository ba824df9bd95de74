/** A Redis reply that did not arrive within its deadline; `code` matches opossum's timeouts. */
export class DeadlineExceededError extends Error {
  readonly code = 'ETIMEDOUT';

  constructor(timeoutMs: number) {
    super(`no reply within ${timeoutMs} ms`);
    this.name = 'DeadlineExceededError';
  }
}

/**
 * Settles as `work` does, or rejects with DeadlineExceededError when `work` has not settled
 * `timeoutMs` after the call. When the timer fires, the event loop first polls for I/O once more
 * (the check runs in a `setImmediate`), and a reply that has arrived meanwhile wins.
 *
 * A plain timer (ioredis's `commandTimeout`, opossum's `timeout`) fails a command whenever this
 * process was not scheduled for longer than the deadline. On a saturated machine the timer and
 * the reply are then due in the same turn, and timers run before I/O. Under the load test, those
 * false timeouts opened the Redis breaker although Redis replied in microseconds.
 */
export function withDeadline<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      setImmediate(() => {
        if (settled) return;
        settled = true;
        reject(new DeadlineExceededError(timeoutMs));
      });
    }, timeoutMs);
    work.then(
      (value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * ioredis's own `commandTimeout` on connections whose callers apply `withDeadline`: far above the
 * deadline, it only frees commands whose reply never comes, such as those sent to a frozen Redis.
 */
export const COMMAND_TIMEOUT_BACKSTOP_MS = 2000;

/** Returns the ioredis `commandTimeout` of a connection whose callers apply `deadlineMs` themselves. */
export function backstopCommandTimeout(deadlineMs: number): number {
  return Math.max(deadlineMs, COMMAND_TIMEOUT_BACKSTOP_MS);
}

/** Result of `pollUntilReady`, with the last probe failure as `lastError`. */
export type PollOutcome =
  | { status: 'ready' }
  | { status: 'timeout'; lastError: unknown }
  | { status: 'aborted'; lastError: unknown }
  | { status: 'failed'; lastError: unknown };

export interface PollOptions {
  timeoutMs: number;
  intervalMs: number;
  /** Predicate checked before each attempt. It returns true to stop early, for example when the server exited. */
  isAborted: () => boolean;
  /** Returns true for a probe error that retrying cannot fix (a missing role, say). */
  isFatal?: (error: unknown) => boolean;
}

/**
 * Calls `probe` until it resolves, `isAborted` returns true, a probe fails with a fatal
 * error or `timeoutMs` has passed. The probe must bound its own duration.
 */
export async function pollUntilReady(
  probe: () => Promise<void>,
  options: PollOptions,
): Promise<PollOutcome> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (options.isAborted()) {
      return { status: 'aborted', lastError };
    }
    try {
      await probe();
      return { status: 'ready' };
    } catch (error) {
      if (options.isFatal?.(error)) {
        return { status: 'failed', lastError: error };
      }
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
  return { status: 'timeout', lastError };
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  return error === undefined ? 'no attempt finished' : String(error);
}

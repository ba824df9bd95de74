const POLL_INTERVAL_MS = 50;

/**
 * Polls `url` until it returns 200 and returns the milliseconds that took. Rejects when
 * `hasExited` turns true or after `timeoutMs`, naming the last failure.
 */
export async function waitReady(
  url: string,
  timeoutMs: number,
  hasExited: () => boolean = () => false,
): Promise<number> {
  const startedAt = performance.now();
  let lastFailure = 'no response yet';
  while (performance.now() - startedAt < timeoutMs) {
    if (hasExited()) throw new Error(`the process exited before ${url} returned 200`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) return performance.now() - startedAt;
      lastFailure = `HTTP ${response.status}`;
    } catch (error) {
      lastFailure = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new Error(`${url} was not ready after ${timeoutMs} ms (last: ${lastFailure})`);
}

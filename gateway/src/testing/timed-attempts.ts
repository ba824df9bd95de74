/** Results of repeated requests, with the time of the fastest one. */
export interface TimedAttempts<Result> {
  results: Result[];
  fastestMs: number;
}

/**
 * Runs `attempt` `count` times one after another and times each run. Tests that bound a latency
 * judge the fastest run: other test suites on the same cores only ever add delay, while a slow
 * code path makes every run slow.
 */
export async function timeAttempts<Result>(
  count: number,
  attempt: (index: number) => Promise<Result>,
): Promise<TimedAttempts<Result>> {
  const results: Result[] = [];
  let fastestMs = Number.POSITIVE_INFINITY;
  for (let index = 0; index < count; index += 1) {
    const startedAt = performance.now();
    results.push(await attempt(index));
    fastestMs = Math.min(fastestMs, performance.now() - startedAt);
  }
  return { results, fastestMs };
}

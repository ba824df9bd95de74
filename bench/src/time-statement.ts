import type { Database, Statement } from '@scholarships/db';

/** Limits of `timeStatement`: it stops at whichever comes first. */
export interface TimingLimits {
  runs: number;
  /** Time budget in seconds. Without it, only `runs` limits the timing. */
  seconds?: number;
}

/**
 * Builds a new statement with `build` before each run and runs it, one at a time, until
 * either limit is reached. Returns each run's duration in milliseconds, without the build.
 */
export async function timeStatement(
  db: Database,
  build: () => Statement,
  limits: TimingLimits,
): Promise<number[]> {
  const durations: number[] = [];
  const deadline = Date.now() + (limits.seconds ?? Number.POSITIVE_INFINITY) * 1000;
  while (durations.length < limits.runs && Date.now() < deadline) {
    const statement = build();
    const startedAt = process.hrtime.bigint();
    await db.query(statement);
    durations.push(Number(process.hrtime.bigint() - startedAt) / 1e6);
  }
  return durations;
}

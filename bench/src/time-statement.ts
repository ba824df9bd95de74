import type { Database, Statement } from '@scholarships/db';

/** Limits of `timeStatement`: it stops at whichever comes first. */
export interface TimingLimits {
  runs: number;
  /** Time budget in seconds. Without it, only `runs` limits the timing. */
  seconds?: number;
}

/** One timed run: the name of the statement that ran and its duration in milliseconds. */
export interface TimedRun {
  name: string;
  ms: number;
}

/**
 * Builds a new statement with `build` before each run and runs it, one at a time, until
 * either limit is reached. Returns each run's statement name and duration, without the build.
 */
export async function timeStatementRuns(
  db: Database,
  build: () => Statement,
  limits: TimingLimits,
): Promise<TimedRun[]> {
  const runs: TimedRun[] = [];
  const deadline = Date.now() + (limits.seconds ?? Number.POSITIVE_INFINITY) * 1000;
  while (runs.length < limits.runs && Date.now() < deadline) {
    const statement = build();
    const startedAt = process.hrtime.bigint();
    await db.query(statement);
    runs.push({ name: statement.name, ms: Number(process.hrtime.bigint() - startedAt) / 1e6 });
  }
  return runs;
}

/** Times a builder of one statement name as `timeStatementRuns` does and returns each duration in milliseconds. */
export async function timeStatement(
  db: Database,
  build: () => Statement,
  limits: TimingLimits,
): Promise<number[]> {
  return (await timeStatementRuns(db, build, limits)).map((run) => run.ms);
}

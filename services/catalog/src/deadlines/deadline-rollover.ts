import type { Knex } from '@scholarships/db';
import type { Logger } from '@scholarships/logger';
import type { BackgroundWork } from '@scholarships/service-kit';
import type { CatalogMetrics } from '../metrics';
import { rollPastDeadlines } from './roll-deadlines';

const DAY_MS = 86_400_000;
/** Maximum wait between two checks, so that a failed check is retried within the hour. */
const CHECK_INTERVAL_MS = 3_600_000;
/** Delay after midnight UTC, so that the clock has surely turned to the new date. */
const AFTER_MIDNIGHT_MS = 1_000;

export interface DeadlineRolloverOptions {
  knex: Knex;
  logger: Logger;
  metrics: Pick<CatalogMetrics, 'deadlinesMoved' | 'deadlineRollFailures'>;
  /** Clock in milliseconds since the epoch. */
  now?: () => number;
}

/** Returns the UTC calendar date of a time, as `YYYY-MM-DD`. */
function utcDate(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 10);
}

/** Returns the wait until the next check: just after the next midnight UTC, or an hour at most. */
export function delayUntilNextCheck(nowMs: number): number {
  const nextMidnight = (Math.floor(nowMs / DAY_MS) + 1) * DAY_MS;
  return Math.min(CHECK_INTERVAL_MS, nextMidnight - nowMs + AFTER_MIDNIGHT_MS);
}

/**
 * Keeps imported deadlines upcoming while the service runs: checks at start, just after each
 * midnight UTC and at least hourly, and moves every passed deadline to its next yearly occurrence
 * (see `rollPastDeadlines`). Without it, a recurring scholarship would drop out of searches for
 * upcoming deadlines until the next import. A failed check is logged, counted and retried.
 */
export function startDeadlineRollover(options: DeadlineRolloverOptions): BackgroundWork {
  const now = options.now ?? Date.now;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const check = async (): Promise<void> => {
    const today = utcDate(now());
    try {
      const moved = await rollPastDeadlines(options.knex, today, { stopped: () => stopped });
      options.metrics.deadlinesMoved.inc(moved);
      if (moved > 0) options.logger.info({ moved, today }, 'passed deadlines moved to next year');
    } catch (error) {
      options.metrics.deadlineRollFailures.inc();
      options.logger.error(
        { err: error, today },
        'moving passed deadlines failed; the next check retries',
      );
    }
  };
  const scheduleNext = (): void => {
    if (stopped) return;
    timer = setTimeout(runCheck, delayUntilNextCheck(now()));
    timer.unref();
  };
  const runCheck = (): void => {
    running = check().finally(scheduleNext);
  };

  runCheck();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

import type { BackgroundWork } from '@scholarships/service-kit';
import { createTermsRefresher, type TermsRefresherOptions } from './refresher';

/** Calls `tick` every `intervalMs` until the returned function is called. */
export type Scheduler = (tick: () => void, intervalMs: number) => () => void;

/** Schedules with `setInterval`, unreferenced so that it never keeps the process alive. */
const intervalScheduler: Scheduler = (tick, intervalMs) => {
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
};

export interface TermsRefreshOptions extends TermsRefresherOptions {
  /** Time between two refresh checks in milliseconds; 0 turns the checks off. */
  intervalMs: number;
  /** Runs the periodic checks; default `setInterval`. */
  schedule?: Scheduler;
}

/**
 * Checks right away and then every `intervalMs` whether `search_terms` needs
 * a refresh, so that the words of a catalogue import reach suggestions and
 * spelling corrections. The first check runs in the background: the service
 * turns ready with the word list of the previous refresh. A check of an
 * unchanged catalogue reads `scholarships` once and returns.
 */
export async function startTermsRefresh(options: TermsRefreshOptions): Promise<BackgroundWork> {
  if (options.intervalMs === 0) return { stop: async () => undefined };
  const refresher = createTermsRefresher(options);
  refresher.tick();
  const cancel = (options.schedule ?? intervalScheduler)(
    () => refresher.tick(),
    options.intervalMs,
  );
  return {
    stop: async () => {
      cancel();
      await refresher.settled();
    },
  };
}

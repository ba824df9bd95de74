import type { Knex } from '@scholarships/db';
import type { Logger } from '@scholarships/logger';

/**
 * Server-side limit of one refresh in milliseconds. The pools use
 * `DB_STATEMENT_TIMEOUT_MS` (5 s by default), which suits requests but not a
 * refresh that parses every document: about 2.5 s for 103,813 rows on 2 vCPU.
 */
export const REFRESH_STATEMENT_TIMEOUT_MS = 120_000;

/**
 * Runs `search_refresh_terms(force)` of migration 006 in its own transaction
 * with a longer statement timeout. Returns whether the word list was
 * recomputed, which without `force` happens only when the catalogue changed
 * since the last refresh.
 */
export async function refreshSearchTerms(knex: Knex, force = false): Promise<boolean> {
  return knex.transaction(async (trx) => {
    await trx.raw(`SET LOCAL statement_timeout = ${REFRESH_STATEMENT_TIMEOUT_MS}`);
    const result = await trx.raw<{ rows: { refreshed: boolean }[] }>(
      'SELECT search_refresh_terms(?) AS refreshed',
      [force],
    );
    return result.rows[0]?.refreshed === true;
  });
}

export interface TermsRefresherOptions {
  knex: Knex;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** Current time in milliseconds, for the logged duration; default `Date.now`. */
  now?: () => number;
}

/** Keeps `search_terms` in step with the catalogue. */
export interface TermsRefresher {
  /**
   * Starts a refresh unless one is running. Never throws: the outcome and
   * any error are logged, and a failed refresh is retried at the next tick.
   */
  tick(): void;
  /** Resolves when the running refresh, if any, has finished. */
  settled(): Promise<void>;
}

export function createTermsRefresher(options: TermsRefresherOptions): TermsRefresher {
  const now = options.now ?? Date.now;
  let running: Promise<void> | undefined;

  const refreshAndLog = async (): Promise<void> => {
    const startedAt = now();
    try {
      const refreshed = await refreshSearchTerms(options.knex);
      options.logger.info({ refreshed, ms: now() - startedAt }, 'search terms checked');
    } catch (error) {
      options.logger.warn({ err: error }, 'search terms refresh failed; retrying at the next tick');
    }
  };

  return {
    tick() {
      if (running !== undefined) return;
      running = refreshAndLog().finally(() => {
        running = undefined;
      });
    },
    settled: async () => {
      await running;
    },
  };
}

import type { SearchQuery } from '@scholarships/api-contract';
import { type Database, type Knex, type Statement, toStatement } from '@scholarships/db';
import type { Logger } from '@scholarships/logger';
import { type FacetSnapshot, loadFacetSnapshot, snapshotFacetRows } from './facet-snapshot';
import type { FacetRow } from './facets';

export const FACET_SNAPSHOT_CHECK_NAME = 'search_facet_snapshot_changed';

/**
 * Builds the statement that returns whether a transaction that a snapshot
 * does not see has since changed a column facets read (see migration 016). Only rows at or above the
 * snapshot's `xmin` can be invisible to it, and the primary key finds them.
 */
export function facetSnapshotCheck(knex: Knex, snapshot: string): Statement {
  return toStatement(
    FACET_SNAPSHOT_CHECK_NAME,
    knex.raw(
      `SELECT EXISTS (
  SELECT 1 FROM search_catalog_changes AS c
  WHERE c.xid >= pg_snapshot_xmin(:snapshot::pg_snapshot)
    AND NOT pg_visible_in_snapshot(c.xid, :snapshot::pg_snapshot)
) AS changed`,
      { snapshot },
    ),
  );
}

const PRUNE_CHANGES = `DELETE FROM search_catalog_changes WHERE changed_at < now() - interval '1 hour'`;

export interface FacetSnapshotSourceOptions {
  db: Database;
  logger: Logger;
  /** Counts loads by result, `ok` or `error`. */
  onLoad?: (result: 'ok' | 'error') => void;
  /** Age after which a snapshot is read again even when no change was noted; default 10 minutes. */
  maxAgeMs?: number;
  /** Wait after a failed load before the next one; default 5 s. */
  retryDelayMs?: number;
  now?: () => number;
}

/** Facet counts of searches without keyword from a snapshot of the catalogue held in memory. */
export interface FacetSnapshotSource {
  /**
   * Counts the facets of a query without keyword, after checking that the
   * snapshot is still the catalogue's current state. Resolves to `null` when
   * no current snapshot is at hand, and starts reading one; the caller then
   * runs the facet statement.
   */
  rows(query: SearchQuery, today: string): Promise<FacetRow[] | null>;
  /** Reads a snapshot now, unless a read is already running. Never rejects. */
  load(): Promise<void>;
}

export function createFacetSnapshotSource(
  options: FacetSnapshotSourceOptions,
): FacetSnapshotSource {
  const { db, logger } = options;
  const maxAgeMs = options.maxAgeMs ?? 600_000;
  const retryDelayMs = options.retryDelayMs ?? 5_000;
  const now = options.now ?? Date.now;
  let current: FacetSnapshot | undefined;
  let loading: Promise<void> | undefined;
  let failedAt = Number.NEGATIVE_INFINITY;

  async function read(): Promise<void> {
    await db.knex.raw(PRUNE_CHANGES).catch((error: unknown) => {
      logger.warn({ err: error }, 'could not delete old catalogue change rows');
    });
    const startedAt = now();
    try {
      current = await loadFacetSnapshot(db.knex, startedAt);
      options.onLoad?.('ok');
      logger.info(
        { groups: current.scholarships.length, ms: now() - startedAt },
        'facet snapshot loaded',
      );
    } catch (error) {
      current = undefined;
      failedAt = now();
      options.onLoad?.('error');
      logger.warn({ err: error }, 'facet snapshot load failed; facets are counted by statement');
    }
  }

  function load(): Promise<void> {
    loading ??= read().finally(() => {
      loading = undefined;
    });
    return loading;
  }

  function loadInBackground(): void {
    if (loading === undefined && now() - failedAt >= retryDelayMs) void load();
  }

  return {
    load,
    async rows(query, today) {
      const snapshot = current;
      if (snapshot === undefined || now() - snapshot.loadedAt > maxAgeMs) {
        loadInBackground();
        return null;
      }
      const [check] = await db.query<{ changed: boolean }>(
        facetSnapshotCheck(db.knex, snapshot.snapshot),
      );
      if (check?.changed !== false) {
        loadInBackground();
        return null;
      }
      return snapshotFacetRows(snapshot, query, today);
    },
  };
}

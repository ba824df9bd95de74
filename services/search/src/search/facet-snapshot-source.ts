import type { SearchQuery } from '@scholarships/api-contract';
import { type Database, type Knex, type Statement, toStatement } from '@scholarships/db';
import type { Logger } from '@scholarships/logger';
import { type FacetSnapshot, loadFacetSnapshot, snapshotFacetRows } from './facet-snapshot';
import type { FacetRow } from './facets';

export const FACET_SNAPSHOT_CHECK_NAME = 'search_facet_snapshot_changed';

/**
 * Whether a transaction that the snapshot bound as `:snapshot` does not see
 * has since changed a column that facets or keyword pages read (see migration 016).
 * Only rows at or above the snapshot's `xmin` can be invisible to it.
 */
export const SNAPSHOT_CHANGED = `EXISTS (
  SELECT 1 FROM search_catalog_changes AS c
  WHERE c.xid >= pg_snapshot_xmin(:snapshot::pg_snapshot)
    AND NOT pg_visible_in_snapshot(c.xid, :snapshot::pg_snapshot)
)`;

/**
 * Builds the statement that returns whether a transaction that a snapshot
 * does not see has since changed a column facets read (see migration 016).
 * Only rows at or above the snapshot's `xmin` can be invisible to it.
 */
export function facetSnapshotCheck(knex: Knex, snapshot: string): Statement {
  return toStatement(
    FACET_SNAPSHOT_CHECK_NAME,
    knex.raw(`SELECT ${SNAPSHOT_CHANGED} AS changed`, { snapshot }),
  );
}

/**
 * Deletes the change rows of transactions below `xmin`. Every snapshot that any
 * process still uses was taken after the snapshot this `xmin` comes from,
 * and a later snapshot's `xmin` is never lower, so all those
 * transactions are visible to it and no check needs their rows.
 */
const PRUNE_CHANGES = 'DELETE FROM search_catalog_changes WHERE xid < :xmin::xid8';

/** How much older than the maximum age a snapshot must be before its `xmin` prunes. */
const PRUNE_MARGIN_MS = 300_000;

/** Lengths of the last read that two reads that requests cause start apart, at least. */
const READS_APART = 3;

export interface FacetSnapshotSourceOptions {
  db: Database;
  logger: Logger;
  /** Counts loads by result, `ok` or `error`. */
  onLoad?: (result: 'ok' | 'error') => void;
  /** Age after which a snapshot is read again even when no change was noted; default 10 minutes. */
  maxAgeMs?: number;
  /**
   * Minimum time between the starts of two reads that requests cause; default 5 s. During a
   * burst of catalogue writes, facets are counted by statement rather than by a read per write.
   */
  minIntervalMs?: number;
  now?: () => number;
  /** Whether each read also builds the keyword index (`KeywordIndex`); default false. */
  withKeywords?: boolean;
}

/** Facet counts of searches without keyword from a snapshot of the catalogue held in memory. */
export interface FacetSnapshotSource {
  /**
   * Counts the facets of a query without keyword, after checking that the
   * snapshot is still the catalogue's current state. Resolves to `null` when
   * no current snapshot is at hand, and starts reading one. The caller then
   * runs the facet statement.
   */
  rows(query: SearchQuery, today: string): Promise<FacetRow[] | null>;
  /** Reads a snapshot now, unless a read is already running. Never rejects. */
  load(): Promise<void>;
  /**
   * Returns the snapshot in memory, unchecked, or `undefined` when there is
   * none or it is too old, and then starts reading one. A caller that uses it
   * checks it with `SNAPSHOT_CHANGED` in the statement that reads its result.
   */
  current(): FacetSnapshot | undefined;
  /** Drops a snapshot that a check found out of date, and starts reading a new one. */
  discard(snapshot: FacetSnapshot): void;
}

export function createFacetSnapshotSource(
  options: FacetSnapshotSourceOptions,
): FacetSnapshotSource {
  const { db, logger } = options;
  const maxAgeMs = options.maxAgeMs ?? 600_000;
  const minIntervalMs = options.minIntervalMs ?? 5_000;
  const now = options.now ?? Date.now;
  let current: FacetSnapshot | undefined;
  let loading: Promise<void> | undefined;
  let startedAt = Number.NEGATIVE_INFINITY;
  let lastReadMs = 0;
  /** The `xmin` of each snapshot read, oldest first, until one of them prunes. */
  let readXmins: { at: number; xmin: string }[] = [];

  async function prune(): Promise<void> {
    const horizon = now() - maxAgeMs - PRUNE_MARGIN_MS;
    const old = readXmins.filter((snapshot) => snapshot.at <= horizon);
    const newest = old.at(-1);
    if (newest === undefined) return;
    readXmins = readXmins.filter((snapshot) => snapshot.at > horizon);
    await db.knex.raw(PRUNE_CHANGES, { xmin: newest.xmin }).catch((error: unknown) => {
      logger.warn({ err: error }, 'could not delete old catalogue change rows');
    });
  }

  async function read(): Promise<void> {
    await prune();
    startedAt = now();
    try {
      current = await loadFacetSnapshot(db.knex, startedAt, options.withKeywords === true);
      lastReadMs = now() - startedAt;
      readXmins.push({ at: startedAt, xmin: current.xmin });
      options.onLoad?.('ok');
      logger.info(
        { groups: current.scholarships.length, ms: now() - startedAt },
        'facet snapshot loaded',
      );
    } catch (error) {
      current = undefined;
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

  /**
   * Starts a read that a request needs, unless one runs or the last started too recently. The
   * wait is at least `minIntervalMs`, and three times the last read's length, so that under a
   * steady stream of catalogue writes the process spends at most about a third of its time reading.
   */
  function loadInBackground(): void {
    const interval = Math.max(minIntervalMs, READS_APART * lastReadMs);
    if (loading === undefined && now() - startedAt >= interval) void load();
  }

  /** Runs the check; a failed check counts as a change, so the request runs the statement. */
  async function changedSince(snapshot: FacetSnapshot): Promise<boolean> {
    try {
      const [check] = await db.query<{ changed: boolean }>(
        facetSnapshotCheck(db.knex, snapshot.snapshot),
      );
      return check?.changed !== false;
    } catch (error) {
      logger.warn({ err: error }, 'facet snapshot check failed; facets are counted by statement');
      // A read that finished meanwhile left a newer snapshot, which stays.
      if (current === snapshot) current = undefined;
      return true;
    }
  }

  function fresh(): FacetSnapshot | undefined {
    const snapshot = current;
    if (snapshot !== undefined && now() - snapshot.loadedAt <= maxAgeMs) return snapshot;
    loadInBackground();
    return undefined;
  }

  return {
    load,
    current: fresh,
    discard(snapshot) {
      if (current === snapshot) current = undefined;
      loadInBackground();
    },
    async rows(query, today) {
      const snapshot = fresh();
      if (snapshot === undefined) return null;
      if (await changedSince(snapshot)) {
        loadInBackground();
        return null;
      }
      return snapshotFacetRows(snapshot, query, today);
    },
  };
}

import path from 'node:path';
import type { SearchQuery } from '@scholarships/api-contract';
import { importScholarships, loadSyntheticScholarships } from '@scholarships/catalog/import';
import { createLogger } from '@scholarships/logger';
import type { CursorPosition } from '../search/cursor';
import {
  createFacetSnapshotSource,
  type FacetSnapshotSource,
} from '../search/facet-snapshot-source';
import { createKeywordSearch, type KeywordSearch } from '../search/keyword-search';
import { searchScholarships } from '../search/statements';
import { isPageRow, type SearchRow } from '../search/summary';
import { createPhraseSuggestions, type PhraseSuggestions } from '../suggest/phrase-from-index';
import { refreshSearchTerms } from '../terms';
import { type SearchTestApp, startSearchTestApp } from './search-test-app';

/** Date the real data's deadlines are projected from, and the searches' today. */
export const INDEX_TODAY = '2026-12-04';

/** Folder of the real scholarship data sets that the tests import. */
export const REAL_DATA_DIR = path.resolve(__dirname, '../../../../data/scholarships');

/** A search test app with the real data, synthetic rows and a loaded keyword index. */
export interface KeywordIndexTestApp {
  search: SearchTestApp;
  snapshots: FacetSnapshotSource;
}

/**
 * Starts a search test app, imports the real data sets and `synthetic` rows
 * generated with `seed`, refreshes the word list and reads the facet
 * snapshot with its keyword index.
 */
export async function startKeywordIndexTestApp(
  prefix: string,
  synthetic: { seed: number; count: number },
): Promise<KeywordIndexTestApp> {
  const search = await startSearchTestApp(prefix, { statementTimeoutMs: 60_000 });
  const knex = search.db.knex;
  await importScholarships(knex, { dataDir: REAL_DATA_DIR, today: INDEX_TODAY });
  await loadSyntheticScholarships(knex, {
    dataDir: REAL_DATA_DIR,
    ...synthetic,
    today: INDEX_TODAY,
  });
  await refreshSearchTerms(knex, true);
  await knex.raw('ANALYZE scholarships');
  const snapshots = createFacetSnapshotSource({
    db: search.db,
    logger: createLogger({ service: 'search', level: 'silent' }),
    withKeywords: true,
  });
  await snapshots.load();
  return { search, snapshots };
}

/**
 * Creates the keyword search of `app` that appends each result it reports to `served` as
 * `<kind>:<result>`, e.g. `page:memory`.
 */
export function createRecordedKeywordSearch(
  app: KeywordIndexTestApp,
  served: string[],
): KeywordSearch {
  return createKeywordSearch({
    db: app.search.db,
    snapshots: app.snapshots,
    onResult: (kind, result) => served.push(`${kind}:${result}`),
  });
}

/** Creates the phrase suggestions of `app` that append each result they report to `served`. */
export function createRecordedPhraseSuggestions(
  app: KeywordIndexTestApp,
  served: string[],
): PhraseSuggestions {
  return createPhraseSuggestions({
    db: app.search.db,
    snapshots: app.snapshots,
    onResult: (result) => served.push(result),
  });
}

/** Runs the search statement of a page, the result that the keyword index must equal. */
export function statementRows(
  search: SearchTestApp,
  query: SearchQuery,
  after: CursorPosition | null,
): Promise<SearchRow[]> {
  return search.db.query<SearchRow>(searchScholarships(search.db.knex, query, after, INDEX_TODAY));
}

/** Returns the position after the last scholarship of a page, `null` for an empty page. */
export function lastPosition(rows: readonly SearchRow[]): CursorPosition | null {
  const last = rows.filter(isPageRow).at(-1);
  return last === undefined ? null : { key: last.sort_key, id: last.id };
}

import { allowedMethodsOf } from '@scholarships/api-contract';
import type { ServiceDefinition } from '@scholarships/service-kit';
import { Router } from 'express';
import { type SearchConfig, searchConfigSchema } from './config';
import { searchMetrics } from './metrics';
import {
  createFacetSnapshotSource,
  type FacetSnapshotSource,
} from './search/facet-snapshot-source';
import { createKeywordSearch } from './search/keyword-search';
import { searchRoutes } from './search/routes';
import { searchWarmupStatements } from './search/warmup';
import { suggestRoutes } from './suggest';
import { createPhraseSuggestions } from './suggest/phrase-from-index';
import { startTermsRefresh } from './terms';

/** Today's date in UTC, because stored deadlines are dates without a time zone. */
function todayInUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

export interface SearchServiceOptions {
  /** Today's date as ISO `YYYY-MM-DD`; default: the current date in UTC. */
  today?: () => string;
}

/**
 * Creates the search service: its configuration, routes, hot statements, the
 * facet snapshot (read before the service reports ready) and the word list refresh.
 */
export function createSearchService(
  options: SearchServiceOptions = {},
): ServiceDefinition<SearchConfig> {
  const today = options.today ?? todayInUtc;
  let facetSnapshot: FacetSnapshotSource | undefined;
  return {
    name: 'search',
    allowedMethods: allowedMethodsOf('search'),
    configSchema: searchConfigSchema,
    createRoutes({ db, logger, registry, config }) {
      const metrics = searchMetrics(registry);
      facetSnapshot = createFacetSnapshotSource({
        db,
        logger,
        onLoad: (result) => metrics.facetSnapshotLoads.inc({ result }),
        withKeywords: config.SEARCH_KEYWORD_INDEX,
      });
      const keywordSearch = config.SEARCH_KEYWORD_INDEX
        ? createKeywordSearch({
            db,
            snapshots: facetSnapshot,
            onResult: (kind, result) => metrics.keywordIndexRequests.inc({ kind, result }),
          })
        : undefined;
      const router = Router();
      router.use(searchRoutes(db, { today, facetSnapshot, keywordSearch }));
      const phrases = config.SEARCH_KEYWORD_INDEX
        ? createPhraseSuggestions({
            db,
            snapshots: facetSnapshot,
            onResult: (result) => metrics.keywordIndexRequests.inc({ kind: 'suggest', result }),
          })
        : undefined;
      router.use(suggestRoutes(db, { today, phrases }));
      return router;
    },
    warmupStatements: (db) => searchWarmupStatements(db.knex, today()),
    async start({ db, config, logger }) {
      await facetSnapshot?.load();
      return startTermsRefresh({
        knex: db.knex,
        logger,
        intervalMs: config.SEARCH_TERMS_REFRESH_SECONDS * 1000,
      });
    },
  };
}

/** The search service as `main.ts` runs it. */
export const searchService = createSearchService();

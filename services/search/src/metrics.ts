import { Counter, type Registry } from '@scholarships/metrics';

export interface SearchMetrics {
  facetSnapshotLoads: Counter<'result'>;
  keywordIndexRequests: Counter<'kind' | 'result'>;
}

const byRegistry = new WeakMap<Registry, SearchMetrics>();

/** Returns the search service's own metrics, declared once per registry. */
export function searchMetrics(registry: Registry): SearchMetrics {
  const known = byRegistry.get(registry);
  if (known) return known;
  const metrics: SearchMetrics = {
    facetSnapshotLoads: new Counter({
      name: 'search_facet_snapshot_loads_total',
      help: 'Reads of the in-memory facet snapshot, by result: ok, or error (facets are then counted by statement).',
      labelNames: ['result'],
      registers: [registry],
    }),
    keywordIndexRequests: new Counter({
      name: 'search_keyword_index_requests_total',
      help: 'Keyword pages, keyword facets and phrase suggestions (kind page, facets, suggest) by how they were served: memory (the keyword index), changed (the catalogue changed since the index was read) or declined (no index, or a keyword it does not evaluate); both of the last run the statement.',
      labelNames: ['kind', 'result'],
      registers: [registry],
    }),
  };
  byRegistry.set(registry, metrics);
  return metrics;
}

import { Counter, type Registry } from '@scholarships/metrics';

export interface SearchMetrics {
  facetSnapshotLoads: Counter<'result'>;
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
  };
  byRegistry.set(registry, metrics);
  return metrics;
}

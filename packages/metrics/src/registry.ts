import { collectDefaultMetrics, Registry } from 'prom-client';

export interface RegistryOptions {
  /** Process name, added as the `service` label on every series. */
  service: string;
  /** Collect Node.js process metrics (event-loop lag, heap, GC); default true. */
  defaultMetrics?: boolean;
}

/** Creates a registry of the process's own, so tests can build several apps in one process. */
export function createRegistry({ service, defaultMetrics = true }: RegistryOptions): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (defaultMetrics)
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  return registry;
}

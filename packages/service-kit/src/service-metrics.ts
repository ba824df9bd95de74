import { Counter, Gauge, type Registry } from '@scholarships/metrics';

export interface ServiceMetrics {
  ready: Gauge;
  unhandledRejections: Counter;
}

/**
 * Declares the process-level metrics of a service run by `runService`. `isReady` runs at each
 * scrape, so `service_ready` follows the database as `/readyz` does rather than only the start.
 */
export function createServiceMetrics(
  registry: Registry,
  isReady: () => Promise<boolean>,
): ServiceMetrics {
  return {
    ready: new Gauge({
      name: 'service_ready',
      help: 'Whether the service is ready at scrape time: 1 when every check of /readyz passes.',
      registers: [registry],
      async collect() {
        this.set((await isReady()) ? 1 : 0);
      },
    }),
    unhandledRejections: new Counter({
      name: 'process_unhandled_rejections_total',
      help: 'Promise rejections that no code handled; each one is logged with its error.',
      registers: [registry],
    }),
  };
}

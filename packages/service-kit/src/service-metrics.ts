import { Counter, Gauge, type Registry } from '@scholarships/metrics';

export interface ServiceMetrics {
  ready: Gauge;
  unhandledRejections: Counter;
}

/** Declares the process-level metrics of a service run by `runService`. */
export function createServiceMetrics(registry: Registry): ServiceMetrics {
  return {
    ready: new Gauge({
      name: 'service_ready',
      help: 'Whether the service reports ready: 1 once its pool is warm.',
      registers: [registry],
    }),
    unhandledRejections: new Counter({
      name: 'process_unhandled_rejections_total',
      help: 'Promise rejections that no code handled; each one is logged with its error.',
      registers: [registry],
    }),
  };
}

export { Counter, Gauge, Histogram, type Registry } from 'prom-client';
export { BucketHistogram, type BucketHistogramConfig, type BucketSeries } from './bucket-histogram';
export {
  createHttpMetrics,
  HTTP_DURATION_BUCKETS,
  type HttpMetrics,
  UNMATCHED_ROUTE,
} from './http-metrics';
export { createRegistry, type RegistryOptions } from './registry';
export { type CounterSeries, SeriesCounter, type SeriesCounterConfig } from './series-counter';

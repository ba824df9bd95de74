export {
  type BucketCounts,
  bucketCounts,
  bucketDelta,
  histogramQuantile,
  observationCount,
} from './histogram-delta';
export {
  type CacheMetricSummary,
  type HistogramSummary,
  type ProcessMetricsSummary,
  type ProcessScrapes,
  type StageSummary,
  summarizeBuckets,
  summarizeProcessMetrics,
} from './process-summary';
export {
  type MetricSample,
  parsePrometheusText,
  selectSamples,
  sumSamples,
} from './prometheus-text';

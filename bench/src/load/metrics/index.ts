export {
  type BucketCounts,
  bucketCounts,
  bucketDelta,
  histogramQuantile,
  observationCount,
} from './histogram-delta';
export { type HistogramSummary, summarizeBuckets } from './histogram-summary';
export type { ProcessScrapes } from './process-scrapes';
export {
  type CacheMetricSummary,
  type ProcessMetricsSummary,
  type StageSummary,
  summarizeProcessMetrics,
} from './process-summary';
export {
  type MetricSample,
  parsePrometheusText,
  selectSamples,
  sumSamples,
} from './prometheus-text';
export {
  RANKED_STATEMENT_LIMIT,
  rankStatementsByTime,
  type StatementSummary,
} from './statement-summary';

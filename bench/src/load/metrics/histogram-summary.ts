import { type BucketCounts, histogramQuantile, observationCount } from './histogram-delta';

/** Percentiles of a histogram's observations during the measurement, in milliseconds. */
export interface HistogramSummary {
  count: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  meanMs: number | null;
}

export const MS_PER_SECOND = 1000;

function toMs(seconds: number | undefined): number | null {
  return seconds === undefined ? null : seconds * MS_PER_SECOND;
}

export function summarizeBuckets(delta: BucketCounts): HistogramSummary {
  const count = observationCount(delta);
  return {
    count,
    p50Ms: toMs(histogramQuantile(0.5, delta)),
    p95Ms: toMs(histogramQuantile(0.95, delta)),
    p99Ms: toMs(histogramQuantile(0.99, delta)),
    meanMs: count === 0 ? null : (delta.sum / count) * MS_PER_SECOND,
  };
}

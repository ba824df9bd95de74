import { type BucketCounts, bucketCounts, bucketDelta } from './histogram-delta';
import type { MetricSample } from './prometheus-text';

/** Scrapes of one process's /metrics at the start and the end of a measurement. */
export interface ProcessScrapes {
  name: string;
  start: readonly MetricSample[];
  end: readonly MetricSample[];
}

/** Returns the observations of histogram `name` between the two scrapes, over the label sets that match. */
export function deltaOf(
  scrapes: ProcessScrapes,
  name: string,
  match: Readonly<Record<string, string>> = {},
): BucketCounts {
  return bucketDelta(
    bucketCounts(scrapes.start, name, match),
    bucketCounts(scrapes.end, name, match),
  );
}

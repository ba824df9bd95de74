import { type MetricSample, selectSamples, sumSamples } from './prometheus-text';

/** Cumulative bucket counts of a histogram, summed over every label set that was selected. */
export interface BucketCounts {
  /** Upper bounds in ascending order, the last one +Inf. */
  bounds: number[];
  /** Cumulative counts per bound. */
  counts: number[];
  /** Sum of observed values, in the metric's unit. */
  sum: number;
}

/**
 * Sums the `<name>_bucket` samples that carry every label of `match` per `le`, over all other
 * labels (such as `statement` or `service`).
 */
export function bucketCounts(
  samples: readonly MetricSample[],
  name: string,
  match: Readonly<Record<string, string>> = {},
): BucketCounts {
  const byBound = new Map<number, number>();
  for (const sample of selectSamples(samples, `${name}_bucket`, match)) {
    const bound = sample.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(sample.labels.le);
    byBound.set(bound, (byBound.get(bound) ?? 0) + sample.value);
  }
  const bounds = [...byBound.keys()].sort((a, b) => a - b);
  return {
    bounds,
    counts: bounds.map((bound) => byBound.get(bound) ?? 0),
    sum: sumSamples(samples, `${name}_sum`, match),
  };
}

/** Subtracts two scrapes, giving the observations between them: `end` minus `start` per bound (missing bounds count 0). */
export function bucketDelta(start: BucketCounts, end: BucketCounts): BucketCounts {
  const startByBound = new Map(
    start.bounds.map((bound, index) => [bound, start.counts[index] ?? 0]),
  );
  return {
    bounds: end.bounds,
    counts: end.bounds.map((bound, index) =>
      Math.max(0, (end.counts[index] ?? 0) - (startByBound.get(bound) ?? 0)),
    ),
    sum: end.sum - start.sum,
  };
}

/** Returns the number of observations in cumulative buckets, which is the +Inf count. */
export function observationCount(buckets: BucketCounts): number {
  return buckets.counts.at(-1) ?? 0;
}

/**
 * Estimates quantile `q` (0 to 1) as Prometheus's histogram_quantile does: linear interpolation
 * inside the bucket that contains the rank, with 0 as the lower edge of the first bucket. A rank in
 * the +Inf bucket returns the largest finite bound. Undefined when there are no observations.
 */
export function histogramQuantile(q: number, buckets: BucketCounts): number | undefined {
  const total = observationCount(buckets);
  if (total === 0) return undefined;
  const rank = q * total;
  let previousBound = 0;
  let previousCount = 0;
  for (let index = 0; index < buckets.bounds.length; index += 1) {
    const bound = buckets.bounds[index] ?? Number.POSITIVE_INFINITY;
    const count = buckets.counts[index] ?? 0;
    if (count >= rank) {
      if (bound === Number.POSITIVE_INFINITY) return previousBound;
      const inBucket = count - previousCount;
      if (inBucket === 0) return bound;
      return previousBound + ((bound - previousBound) * (rank - previousCount)) / inBucket;
    }
    previousBound = bound;
    previousCount = count;
  }
  return previousBound;
}

/** Adds up bucket deltas that share the same bounds, e.g. one histogram across processes. */
export function addBuckets(parts: readonly BucketCounts[]): BucketCounts {
  const byBound = new Map<number, number>();
  let sum = 0;
  for (const part of parts) {
    part.bounds.forEach((bound, index) => {
      byBound.set(bound, (byBound.get(bound) ?? 0) + (part.counts[index] ?? 0));
    });
    sum += part.sum;
  }
  const bounds = [...byBound.keys()].sort((a, b) => a - b);
  return { bounds, counts: bounds.map((bound) => byBound.get(bound) ?? 0), sum };
}

/**
 * Linear sub-buckets per power of two. With 128 of them, a bucket spans at most 1/128 of its
 * lower bound, so reporting its midpoint is off by at most 1/256 (0.4 %) of the true value.
 */
const SUB_BUCKET_BITS = 7;
const SUB_BUCKET_COUNT = 1 << SUB_BUCKET_BITS;
/** Largest value stored exactly in its bucket range: 2^32 - 1 µs, about 71 minutes. */
const MAX_TRACKABLE = 0xffff_ffff;
const BUCKET_COUNT = SUB_BUCKET_COUNT * (32 - SUB_BUCKET_BITS + 1);

/** Index of the bucket holding `value`, a whole number from 0 to MAX_TRACKABLE. */
function bucketIndex(value: number): number {
  if (value < SUB_BUCKET_COUNT) return value;
  const exponent = 31 - Math.clz32(value);
  const shift = exponent - SUB_BUCKET_BITS;
  const subBucket = Math.floor(value / 2 ** shift) - SUB_BUCKET_COUNT;
  return SUB_BUCKET_COUNT * (shift + 1) + subBucket;
}

/** Returns the midpoint of a bucket's range of whole numbers; buckets below 128 contain one value. */
function bucketMidpoint(index: number): number {
  if (index < SUB_BUCKET_COUNT) return index;
  const shift = Math.floor(index / SUB_BUCKET_COUNT) - 1;
  const lower = (SUB_BUCKET_COUNT + (index % SUB_BUCKET_COUNT)) * 2 ** shift;
  return lower + (2 ** shift - 1) / 2;
}

/**
 * A log-linear histogram of latencies in whole microseconds, in the manner of HdrHistogram:
 * values below 128 µs are exact, larger ones land in buckets of at most 1/128 of their value.
 * Values above about 71 minutes count in the last bucket, and the maximum stays exact.
 */
export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKET_COUNT);
  private total = 0;
  private sum = 0;
  private largest = 0;

  /** Adds one value in microseconds; negative values count as 0. */
  record(microseconds: number): void {
    const value = Math.min(Math.max(0, Math.round(microseconds)), MAX_TRACKABLE);
    const index = bucketIndex(value);
    this.counts[index] = (this.counts[index] ?? 0) + 1;
    this.total += 1;
    this.sum += value;
    if (value > this.largest) this.largest = value;
  }

  /** Adds every value of `other` to this histogram. */
  merge(other: LatencyHistogram): void {
    for (let index = 0; index < BUCKET_COUNT; index += 1) {
      const count = other.counts[index] ?? 0;
      if (count > 0) this.counts[index] = (this.counts[index] ?? 0) + count;
    }
    this.total += other.total;
    this.sum += other.sum;
    this.largest = Math.max(this.largest, other.largest);
  }

  get count(): number {
    return this.total;
  }

  /** The largest recorded value in microseconds, exact; 0 when empty. */
  get max(): number {
    return this.largest;
  }

  /** The mean in microseconds; 0 when empty. */
  get mean(): number {
    return this.total === 0 ? 0 : this.sum / this.total;
  }

  /**
   * Returns the value at percentile `percent` (0 to 100) in microseconds: the smallest recorded value
   * that at least `percent` % of the values do not exceed, within the bucket error. 0 when empty.
   */
  percentile(percent: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil((Math.min(Math.max(percent, 0), 100) / 100) * this.total));
    let seen = 0;
    for (let index = 0; index < BUCKET_COUNT; index += 1) {
      seen += this.counts[index] ?? 0;
      if (seen >= rank) return Math.min(bucketMidpoint(index), this.largest);
    }
    return this.largest;
  }
}

/** A source of uniform numbers in [0, 1), such as a seeded generator. */
export type UniformRandom = () => number;

/**
 * Samples ranks 0 to `size - 1` with a Zipf distribution: rank k (0-based) has weight
 * 1 / (k + 1)^exponent, so rank 0 is the most popular. Built once in O(size) from the
 * cumulative weights, each draw is a binary search in O(log size).
 */
export class ZipfSampler {
  private readonly cumulative: Float64Array;

  constructor(
    readonly size: number,
    readonly exponent: number,
  ) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`Zipf size must be a whole number of at least 1, got ${size}`);
    }
    if (!(exponent >= 0)) {
      throw new RangeError(`Zipf exponent must be 0 or more, got ${exponent}`);
    }
    this.cumulative = new Float64Array(size);
    let total = 0;
    for (let rank = 0; rank < size; rank += 1) {
      total += 1 / (rank + 1) ** exponent;
      this.cumulative[rank] = total;
    }
    for (let rank = 0; rank < size; rank += 1) {
      this.cumulative[rank] = (this.cumulative[rank] ?? 0) / total;
    }
  }

  /** Draws one rank using `random`. */
  sample(random: UniformRandom): number {
    const target = random();
    let low = 0;
    let high = this.size - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.cumulative[middle] ?? 1) > target) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** Returns the probability of `rank`. */
  probability(rank: number): number {
    const upper = this.cumulative[rank] ?? 0;
    const lower = rank === 0 ? 0 : (this.cumulative[rank - 1] ?? 0);
    return upper - lower;
  }
}

import { seededRandom } from '.';
import { ZipfSampler } from './zipf';

function drawCounts(sampler: ZipfSampler, draws: number, seed: number): number[] {
  const random = seededRandom(seed);
  const counts = new Array<number>(sampler.size).fill(0);
  for (let i = 0; i < draws; i += 1) {
    const rank = sampler.sample(random);
    counts[rank] = (counts[rank] ?? 0) + 1;
  }
  return counts;
}

describe('ZipfSampler', () => {
  it('draws each rank with its Zipf probability', () => {
    const sampler = new ZipfSampler(1000, 1.1);
    const draws = 200_000;
    const counts = drawCounts(sampler, draws, 11);
    for (const rank of [0, 1, 2, 9, 99]) {
      const expected = sampler.probability(rank) * draws;
      // Five standard deviations of a binomial count.
      const tolerance = 5 * Math.sqrt(expected);
      expect(Math.abs((counts[rank] ?? 0) - expected)).toBeLessThan(tolerance);
    }
  });

  it('makes rank 0 about 2^1.1 times as frequent as rank 1', () => {
    const sampler = new ZipfSampler(500, 1.1);
    expect(sampler.probability(0) / sampler.probability(1)).toBeCloseTo(2 ** 1.1, 10);
    const counts = drawCounts(sampler, 100_000, 3);
    const ratio = (counts[0] ?? 0) / (counts[1] ?? 1);
    expect(ratio).toBeGreaterThan(2.0);
    expect(ratio).toBeLessThan(2.3);
  });

  it('has probabilities that sum to 1', () => {
    const sampler = new ZipfSampler(300, 1.1);
    let total = 0;
    for (let rank = 0; rank < 300; rank += 1) total += sampler.probability(rank);
    expect(total).toBeCloseTo(1, 12);
  });

  it('stays within the ranks at the ends of the unit interval', () => {
    const sampler = new ZipfSampler(10, 1.1);
    expect(sampler.sample(() => 0)).toBe(0);
    expect(sampler.sample(() => 0.999_999_999)).toBe(9);
  });

  it('is uniform with exponent 0', () => {
    const sampler = new ZipfSampler(4, 0);
    for (let rank = 0; rank < 4; rank += 1) expect(sampler.probability(rank)).toBeCloseTo(0.25);
  });

  it('rejects an empty range', () => {
    expect(() => new ZipfSampler(0, 1.1)).toThrow('at least 1');
  });
});

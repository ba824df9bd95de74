import { mulberry32 } from '../../catalog-random';
import { LatencyHistogram } from './latency-histogram';

/** The exact percentile by the same definition: the value at rank ceil(p/100 * n). */
function exactPercentile(sorted: readonly number[], percent: number): number {
  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));
  return sorted[rank - 1] ?? 0;
}

/** Log-normal latencies in whole microseconds, from about 100 µs to several seconds. */
function logNormalSample(count: number, seed: number): number[] {
  const random = mulberry32(seed);
  const values: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const u1 = Math.max(random(), Number.EPSILON);
    const u2 = random();
    const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    values.push(Math.round(Math.exp(8.5 + 1.6 * normal)));
  }
  return values;
}

describe('LatencyHistogram', () => {
  it('reports percentiles within 1 % of the exact values', () => {
    const values = logNormalSample(50_000, 7);
    const histogram = new LatencyHistogram();
    for (const value of values) histogram.record(value);
    const sorted = [...values].sort((a, b) => a - b);
    for (const percent of [1, 10, 50, 90, 95, 99, 99.9, 99.99]) {
      const exact = exactPercentile(sorted, percent);
      const reported = histogram.percentile(percent);
      expect(Math.abs(reported - exact) / exact).toBeLessThanOrEqual(0.01);
    }
  });

  it('stores values below 128 µs exactly', () => {
    const histogram = new LatencyHistogram();
    for (const value of [3, 5, 127]) histogram.record(value);
    expect(histogram.percentile(0)).toBe(3);
    expect(histogram.percentile(50)).toBe(5);
    expect(histogram.percentile(100)).toBe(127);
  });

  it('keeps the exact maximum, count and mean', () => {
    const histogram = new LatencyHistogram();
    for (const value of [1000, 2000, 123_457]) histogram.record(value);
    expect(histogram.max).toBe(123_457);
    expect(histogram.percentile(100)).toBe(123_457);
    expect(histogram.count).toBe(3);
    expect(histogram.mean).toBeCloseTo(42_152.33, 1);
  });

  it('merges another histogram', () => {
    const left = new LatencyHistogram();
    const right = new LatencyHistogram();
    for (let value = 1; value <= 50; value += 1) left.record(value);
    for (let value = 51; value <= 100; value += 1) right.record(value);
    left.merge(right);
    expect(left.count).toBe(100);
    expect(left.percentile(50)).toBe(50);
    expect(left.max).toBe(100);
  });

  it('returns 0 for an empty histogram', () => {
    const histogram = new LatencyHistogram();
    expect(histogram.percentile(95)).toBe(0);
    expect(histogram.max).toBe(0);
    expect(histogram.mean).toBe(0);
  });

  it('clamps values beyond the trackable range', () => {
    const histogram = new LatencyHistogram();
    histogram.record(-5);
    histogram.record(2 ** 40);
    expect(histogram.percentile(0)).toBe(0);
    expect(histogram.max).toBe(0xffff_ffff);
  });
});

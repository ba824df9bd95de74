import { Histogram } from 'prom-client';
import { BucketHistogram } from './bucket-histogram';
import { createRegistry } from './registry';

const BUCKETS = [0.005, 0.01, 0.05, 0.1, 1];
// Values on the bounds, between them, above all of them, at zero and below it.
const OBSERVED: [string, number][] = [
  ['search', 0.005],
  ['search', 0.0051],
  ['search', 0.2],
  ['catalog', 0],
  ['catalog', 7.5],
  ['search', 0.05],
  ['say "hi"\\\n', -1],
];

function histograms(labelNames: readonly 'stage'[] = ['stage']) {
  const reference = createRegistry({ service: 'gateway', defaultMetrics: false });
  const candidate = createRegistry({ service: 'gateway', defaultMetrics: false });
  const config = {
    name: 'stage_seconds',
    help: 'Time of one stage.',
    labelNames,
    buckets: BUCKETS,
  };
  return {
    reference,
    candidate,
    prom: new Histogram({ ...config, registers: [reference] }),
    bucket: new BucketHistogram({ ...config, registers: [candidate] }),
  };
}

describe('BucketHistogram', () => {
  it('exports as prom-client does', async () => {
    const { reference, candidate, prom, bucket } = histograms();
    for (const [stage, value] of OBSERVED) {
      prom.labels({ stage }).observe(value);
      bucket.labels({ stage }).observe(value);
    }

    expect(await candidate.metrics()).toBe(await reference.metrics());
    expect(JSON.stringify(await candidate.getMetricsAsJSON())).toBe(
      JSON.stringify(await reference.getMetricsAsJSON()),
    );
    expect(await candidate.metrics()).toContain(
      'stage_seconds_bucket{le="0.01",service="gateway",stage="search"} 2',
    );
  });

  it('exports unlabelled zeros from the start', async () => {
    const { reference, candidate, prom, bucket } = histograms([]);

    expect(await candidate.metrics()).toBe(await reference.metrics());
    expect(await candidate.metrics()).toContain('stage_seconds_count{service="gateway"} 0');
    prom.observe(0.02);
    bucket.observe(0.02);
    expect(await candidate.metrics()).toBe(await reference.metrics());
  });

  it('exports a series until reset', async () => {
    const { reference, candidate, prom, bucket } = histograms();
    const series = bucket.labels({ stage: 'waf' });
    expect(bucket.labels({ stage: 'waf' })).toBe(series);
    expect(await candidate.metrics()).toBe(await reference.metrics());

    series.observe(0.02);
    prom.labels({ stage: 'waf' }).observe(0.02);
    expect(await candidate.metrics()).toBe(await reference.metrics());

    bucket.reset();
    prom.reset();
    expect(await candidate.metrics()).toBe(await reference.metrics());
    expect(await candidate.metrics()).not.toContain('stage="waf"');
  });

  it('keeps NUL label values apart', async () => {
    const reference = createRegistry({ service: 'gateway', defaultMetrics: false });
    const bucket = new BucketHistogram({
      name: 'pair_seconds',
      help: 'Pairs.',
      labelNames: ['a', 'b'],
      buckets: BUCKETS,
      registers: [reference],
    });

    bucket.labels({ a: 'x\u0000', b: 'y' }).observe(1);
    bucket.labels({ a: 'x', b: '\u0000y' }).observe(1);
    const counts = (await bucket.get()).values.filter((value) =>
      value.metricName.endsWith('_count'),
    );
    expect(counts.map((value) => value.value)).toEqual([1, 1]);
  });

  it('rejects invalid labels every call', () => {
    const { bucket } = histograms();
    bucket.labels({ stage: 'waf' });

    expect(() => bucket.labels({} as { stage: string })).toThrow(/label stage/);
    expect(() => bucket.labels({ stage: 'waf', route: '/' } as { stage: string })).toThrow(
      /unknown label route/,
    );
    expect(() => bucket.labels({ stage: 200 } as unknown as { stage: string })).toThrow(
      /missing or not a string/,
    );
  });

  it('rejects non-finite values', () => {
    const { bucket } = histograms();
    expect(() => bucket.labels({ stage: 'waf' }).observe(Number.NaN)).toThrow(TypeError);
    expect(() => bucket.labels({ stage: 'waf' }).observe(Number.POSITIVE_INFINITY)).toThrow(
      TypeError,
    );
  });
});

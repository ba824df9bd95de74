import { Histogram } from 'prom-client';
import { BucketHistogram } from './bucket-histogram';
import { createRegistry } from './registry';

const BUCKETS = [0.005, 0.01, 0.05, 0.1, 1];
// Values on the bounds, between them, above all of them and at zero.
const OBSERVED: [string, number][] = [
  ['search', 0.005],
  ['search', 0.0051],
  ['search', 0.2],
  ['catalog', 0],
  ['catalog', 7.5],
  ['search', 0.05],
];

function histograms() {
  const reference = createRegistry({ service: 'gateway', defaultMetrics: false });
  const candidate = createRegistry({ service: 'gateway', defaultMetrics: false });
  const config = {
    name: 'stage_seconds',
    help: 'Time of one stage.',
    labelNames: ['stage'] as const,
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
  it('exposes the same text as prom-client for the same observations', async () => {
    const { reference, candidate, prom, bucket } = histograms();
    for (const [stage, value] of OBSERVED) {
      prom.labels({ stage }).observe(value);
      bucket.labels({ stage }).observe(value);
    }

    expect(await candidate.metrics()).toBe(await reference.metrics());
    expect(await candidate.metrics()).toContain(
      'stage_seconds_bucket{le="0.01",service="gateway",stage="search"} 2',
    );
  });

  it('returns the same values as prom-client from get()', async () => {
    const { prom, bucket } = histograms();
    for (const [stage, value] of OBSERVED) {
      prom.labels({ stage }).observe(value);
      bucket.labels({ stage }).observe(value);
    }

    const expected = (await prom.get()).values.map(({ labels, value, metricName }) => ({
      labels,
      value,
      metricName,
    }));
    expect((await bucket.get()).values).toEqual(expected);
  });

  it('shows a series from its first observation until a reset, as prom-client does', async () => {
    const { candidate, bucket } = histograms();
    const series = bucket.labels({ stage: 'waf' });
    expect(bucket.labels({ stage: 'waf' })).toBe(series);
    expect(await candidate.metrics()).not.toContain('stage="waf"');

    series.observe(0.02);
    expect(await candidate.metrics()).toContain(
      'stage_seconds_count{service="gateway",stage="waf"} 1',
    );
    bucket.reset();
    expect(await candidate.metrics()).not.toContain('stage="waf"');
    series.observe(0.5);
    expect(await candidate.metrics()).toContain(
      'stage_seconds_sum{service="gateway",stage="waf"} 0.5',
    );
  });

  it('rejects a value that is not a finite number and a missing label', () => {
    const { bucket } = histograms();
    expect(() => bucket.labels({ stage: 'waf' }).observe(Number.NaN)).toThrow(TypeError);
    expect(() => bucket.labels({} as { stage: string })).toThrow(/label stage/);
  });
});

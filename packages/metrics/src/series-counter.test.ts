import { Counter } from 'prom-client';
import { createRegistry } from './registry';
import { SeriesCounter } from './series-counter';

// Label sets in an order that is not sorted, with values that need escaping, and amounts.
const INCREMENTS: [string, number | undefined][] = [
  ['search', undefined],
  ['catalog', 2],
  ['search', 0.5],
  ['say "hi"\\\n', 3],
  ['catalog', 0],
];

function counters(labelNames: readonly 'route'[] = ['route']) {
  const reference = createRegistry({ service: 'gateway', defaultMetrics: false });
  const candidate = createRegistry({ service: 'gateway', defaultMetrics: false });
  const config = { name: 'answers_total', help: 'Answers.', labelNames };
  return {
    reference,
    candidate,
    prom: new Counter({ ...config, registers: [reference] }),
    series: new SeriesCounter({ ...config, registers: [candidate] }),
  };
}

describe('SeriesCounter', () => {
  it('exports as prom-client does, through labels() and inc()', async () => {
    const { reference, candidate, prom, series } = counters();
    INCREMENTS.forEach(([route, value], index) => {
      prom.labels({ route }).inc(value);
      if (index % 2 === 0) series.labels({ route }).inc(value);
      else series.inc({ route }, value);
    });

    expect(await candidate.metrics()).toBe(await reference.metrics());
    expect(JSON.stringify(await candidate.getMetricsAsJSON())).toBe(
      JSON.stringify(await reference.getMetricsAsJSON()),
    );
    expect(await candidate.metrics()).toContain(
      'answers_total{route="search",service="gateway"} 1.5',
    );
  });

  it('exports an unlabelled zero from the start and after a reset', async () => {
    const { reference, candidate, prom, series } = counters([]);
    expect(await candidate.metrics()).toBe(await reference.metrics());
    expect(await candidate.metrics()).toContain('answers_total{service="gateway"} 0');

    prom.inc(4);
    series.inc({} as { route: string }, 4);
    expect(await candidate.metrics()).toBe(await reference.metrics());
    prom.reset();
    series.reset();
    expect(await candidate.metrics()).toBe(await reference.metrics());
    expect(await candidate.metrics()).toContain('answers_total{service="gateway"} 0');
  });

  it('keeps a series valid across reset', async () => {
    const { reference, candidate, prom, series } = counters();
    const wafSeries = series.labels({ route: 'waf' });
    expect(series.labels({ route: 'waf' })).toBe(wafSeries);
    wafSeries.inc();
    prom.labels({ route: 'waf' }).inc();

    series.reset();
    prom.reset();
    expect(await candidate.metrics()).not.toContain('route="waf"');
    expect(await candidate.metrics()).toBe(await reference.metrics());

    wafSeries.inc(2);
    prom.labels({ route: 'waf' }).inc(2);
    expect(await candidate.metrics()).toBe(await reference.metrics());
    expect(await candidate.metrics()).toContain('answers_total{route="waf",service="gateway"} 2');
  });

  it('exports labels and series in prom-client order', async () => {
    const reference = createRegistry({ service: 'gateway', defaultMetrics: false });
    const candidate = createRegistry({ service: 'gateway', defaultMetrics: false });
    const config = { name: 'hits_total', help: 'Hits.', labelNames: ['route', 'tier'] as const };
    const prom = new Counter({ ...config, registers: [reference] });
    const series = new SeriesCounter({ ...config, registers: [candidate] });
    const same = async () => expect(await candidate.metrics()).toBe(await reference.metrics());

    // Labels in an order other than labelNames, and a series taken before an earlier one counts.
    const late = series.labels({ tier: 'redis', route: 'search' });
    series.inc({ tier: 'lru', route: 'catalog' });
    prom.inc({ tier: 'lru', route: 'catalog' });
    late.inc();
    prom.labels({ tier: 'redis', route: 'search' }).inc();
    await same();
    expect(await candidate.metrics()).toContain('hits_total{tier="lru",route="catalog"');

    // After a reset, the series that counts first is exported first.
    series.reset();
    prom.reset();
    late.inc();
    prom.labels({ tier: 'redis', route: 'search' }).inc();
    series.inc({ tier: 'lru', route: 'catalog' });
    prom.inc({ tier: 'lru', route: 'catalog' });
    await same();
  });

  it('rejects invalid labels and values', () => {
    const { series } = counters();
    expect(() => series.labels({} as { route: string })).toThrow(/label route/);
    expect(() => series.inc({ route: '/', stage: 'x' } as { route: string })).toThrow(
      /unknown label stage/,
    );
    expect(() => series.labels({ route: 'a' }).inc(-1)).toThrow(RangeError);
    expect(() => series.labels({ route: 'a' }).inc(Number.NaN)).toThrow(TypeError);
  });
});

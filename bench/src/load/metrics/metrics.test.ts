import {
  bucketCounts,
  bucketDelta,
  histogramQuantile,
  parsePrometheusText,
  summarizeProcessMetrics,
} from '.';

function histogramText(name: string, labels: string, counts: [string, number][], sum: number) {
  const lines = counts.map(([le, count]) => `${name}_bucket{${labels}le="${le}"} ${count}`);
  const total = counts.at(-1)?.[1] ?? 0;
  return [
    ...lines,
    `${name}_sum{${labels.replace(/,$/, '')}} ${sum}`,
    `${name}_count{${labels.replace(/,$/, '')}} ${total}`,
  ].join('\n');
}

describe('parsePrometheusText', () => {
  it('reads names, labels with escapes, and special values', () => {
    const samples = parsePrometheusText(
      [
        '# HELP x_total Things.',
        '# TYPE x_total counter',
        'x_total{service="gateway",path="/a\\"b"} 3',
        'y_bucket{le="+Inf"} 7 1700000000000',
        'z NaN',
      ].join('\n'),
    );
    expect(samples).toHaveLength(3);
    expect(samples[0]).toEqual({
      name: 'x_total',
      labels: { service: 'gateway', path: '/a"b' },
      value: 3,
    });
    expect(samples[1]?.labels.le).toBe('+Inf');
    expect(samples[1]?.value).toBe(7);
    expect(Number.isNaN(samples[2]?.value)).toBe(true);
  });
});

describe('histogramQuantile', () => {
  const buckets = {
    bounds: [0.005, 0.01, 0.025, Number.POSITIVE_INFINITY],
    counts: [50, 90, 100, 100],
    sum: 0.6,
  };

  it('interpolates inside the bucket that holds the rank', () => {
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.005);
    expect(histogramQuantile(0.7, buckets)).toBeCloseTo(0.0075);
    expect(histogramQuantile(0.95, buckets)).toBeCloseTo(0.0175);
  });

  it('returns the largest finite bound for a rank in +Inf', () => {
    const overflowing = { ...buckets, counts: [50, 90, 95, 100] };
    expect(histogramQuantile(0.99, overflowing)).toBe(0.025);
  });

  it('returns undefined without observations', () => {
    expect(histogramQuantile(0.5, { ...buckets, counts: [0, 0, 0, 0] })).toBeUndefined();
  });
});

describe('bucketDelta', () => {
  it('subtracts the start scrape and sums label sets per bound', () => {
    const start = parsePrometheusText(
      histogramText(
        'db_query_duration_seconds',
        'statement="a",',
        [
          ['0.01', 5],
          ['+Inf', 5],
        ],
        0.02,
      ),
    );
    const end = parsePrometheusText(
      [
        histogramText(
          'db_query_duration_seconds',
          'statement="a",',
          [
            ['0.01', 15],
            ['+Inf', 16],
          ],
          0.1,
        ),
        histogramText(
          'db_query_duration_seconds',
          'statement="b",',
          [
            ['0.01', 4],
            ['+Inf', 4],
          ],
          0.01,
        ),
      ].join('\n'),
    );
    const delta = bucketDelta(
      bucketCounts(start, 'db_query_duration_seconds'),
      bucketCounts(end, 'db_query_duration_seconds'),
    );
    expect(delta.bounds).toEqual([0.01, Number.POSITIVE_INFINITY]);
    expect(delta.counts).toEqual([14, 15]);
    expect(delta.sum).toBeCloseTo(0.09);
  });
});

describe('summarizeProcessMetrics', () => {
  const gatewayStart = parsePrometheusText(
    [
      histogramText(
        'gateway_stage_duration_seconds',
        'stage="waf",',
        [
          ['0.001', 0],
          ['+Inf', 0],
        ],
        0,
      ),
      'gateway_cache_requests_total{route="/api/v1/search",tier="memory",result="hit"} 10',
    ].join('\n'),
  );
  const gatewayEnd = parsePrometheusText(
    [
      histogramText(
        'gateway_stage_duration_seconds',
        'stage="waf",',
        [
          ['0.001', 100],
          ['+Inf', 100],
        ],
        0.05,
      ),
      histogramText(
        'gateway_stage_duration_seconds',
        'stage="auth",',
        [
          ['0.001', 50],
          ['+Inf', 50],
        ],
        0.01,
      ),
      'gateway_cache_requests_total{route="/api/v1/search",tier="memory",result="hit"} 70',
      'gateway_cache_requests_total{route="/api/v1/search",tier="none",result="miss"} 20',
      'nodejs_eventloop_lag_p99_seconds 0.012',
    ].join('\n'),
  );
  const searchEnd = parsePrometheusText(
    histogramText(
      'db_query_duration_seconds',
      'statement="s",',
      [
        ['0.002', 90],
        ['0.005', 100],
        ['+Inf', 100],
      ],
      0.2,
    ),
  );
  const summary = summarizeProcessMetrics([
    { name: 'gateway', start: gatewayStart, end: gatewayEnd },
    { name: 'search', start: [], end: searchEnd },
  ]);

  it('reads database percentiles across services', () => {
    expect(summary.database.count).toBe(100);
    expect(summary.database.p95Ms).toBeCloseTo(3.5);
    expect(summary.databaseByService.search?.count).toBe(100);
  });

  it('gives each edge stage and their mean total per request', () => {
    expect(summary.gatewayStages.map((stage) => stage.stage)).toEqual(['auth', 'waf']);
    expect(summary.gatewayStages[1]?.meanMs).toBeCloseTo(0.5);
    // 60 ms of stage time over 100 requests.
    expect(summary.gatewayStagesMeanTotalMs).toBeCloseTo(0.6);
  });

  it('takes the hit ratio from the change of the cache counter', () => {
    expect(summary.cache.byResult).toEqual({ hit: 60, miss: 20 });
    expect(summary.cache.hitRatio).toBeCloseTo(0.75);
  });

  it('reads the event-loop lag of each process at the end', () => {
    expect(summary.eventLoopLagP99Ms.gateway).toBeCloseTo(12);
    expect(summary.eventLoopLagP99Ms.search).toBeNull();
  });
});

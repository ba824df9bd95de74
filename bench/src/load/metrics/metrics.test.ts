import {
  bucketCounts,
  bucketDelta,
  histogramQuantile,
  parsePrometheusText,
  rankStatementsByTime,
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

describe('rankStatementsByTime', () => {
  const name = 'db_query_duration_seconds';
  /** Cumulative counts at the bounds 1 ms, 5 ms, 10 ms and +Inf. */
  const query = (labels: string, counts: [number, number, number, number], sum: number) =>
    histogramText(
      name,
      labels,
      [
        ['0.001', counts[0]],
        ['0.005', counts[1]],
        ['0.01', counts[2]],
        ['+Inf', counts[3]],
      ],
      sum,
    );
  const catalog = {
    name: 'catalog',
    start: parsePrometheusText(
      [
        query('statement="find_program",outcome="ok",', [10, 20, 20, 20], 0.05),
        query('statement="idle_lookup",outcome="ok",', [3, 3, 3, 3], 0.001),
      ].join('\n'),
    ),
    end: parsePrometheusText(
      [
        query('statement="find_program",outcome="ok",', [10, 60, 60, 60], 0.25),
        query('statement="find_program",outcome="error",', [0, 0, 2, 2], 0.016),
        query('statement="idle_lookup",outcome="ok",', [3, 3, 3, 3], 0.001),
      ].join('\n'),
    ),
  };
  const search = {
    name: 'search',
    start: parsePrometheusText(
      query('statement="find_program",outcome="ok",', [5, 5, 5, 5], 0.004),
    ),
    end: parsePrometheusText(
      [
        query('statement="find_program",outcome="ok",', [15, 15, 15, 15], 0.024),
        query('statement="rank_awards",outcome="ok",', [0, 0, 30, 30], 0.264),
      ].join('\n'),
    ),
  };
  // find_program: catalog 40 ok in 0.2 s and 2 errors in 0.016 s, search 10 in 0.02 s.
  // rank_awards: 30 in 0.264 s, all of them after the start scrape.
  const ranked = rankStatementsByTime([catalog, search]);

  it('orders statements by total time, not count', () => {
    expect(ranked.map((entry) => entry.statement)).toEqual(['rank_awards', 'find_program']);
    expect(ranked[0]?.totalSeconds).toBeCloseTo(0.264);
    expect(ranked[1]?.totalSeconds).toBeCloseTo(0.236);
  });

  it('sums counts over services and outcomes', () => {
    expect(ranked[1]?.count).toBe(52);
    expect(ranked[1]?.meanMs).toBeCloseTo((0.236 / 52) * 1000);
  });

  it('counts a statement missing at the start from zero', () => {
    expect(ranked[0]?.count).toBe(30);
    expect(ranked[0]?.meanMs).toBeCloseTo(8.8);
    // Rank 28.5 of 30, all inside the bucket from 5 ms to 10 ms.
    expect(ranked[0]?.p95Ms).toBeCloseTo(9.75);
  });

  it('gives each statement its share of all time', () => {
    expect(ranked[0]?.share).toBeCloseTo(0.528);
    expect(ranked[1]?.share).toBeCloseTo(0.472);
  });

  it('leaves out statements that did not run', () => {
    expect(ranked.some((entry) => entry.statement === 'idle_lookup')).toBe(false);
  });

  it('keeps shares of all statements after the cut', () => {
    const top = rankStatementsByTime([catalog, search], 1);
    expect(top).toHaveLength(1);
    expect(top[0]?.share).toBeCloseTo(0.528);
  });

  it('returns no statements for an idle window', () => {
    const idle = rankStatementsByTime([{ name: 'catalog', start: catalog.end, end: catalog.end }]);
    expect(idle).toEqual([]);
  });

  it('has no share without database time', () => {
    const instant = parsePrometheusText(query('statement="ping",outcome="ok",', [4, 4, 4, 4], 0));
    const entries = rankStatementsByTime([{ name: 'catalog', start: [], end: instant }]);
    expect(entries[0]?.count).toBe(4);
    expect(entries[0]?.share).toBeNull();
  });

  it('feeds the process summary without the gateway', () => {
    const gateway = { name: 'gateway', start: [], end: search.end };
    const summary = summarizeProcessMetrics([gateway, catalog, search]);
    expect(summary.databaseStatements).toEqual(ranked);
    expect(summary.database.count).toBe(82);
  });
});

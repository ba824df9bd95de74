import { createHttpMetrics, createRegistry } from './index';

describe('createHttpMetrics', () => {
  it('labels series by service, route template and status', async () => {
    const registry = createRegistry({ service: 'search', defaultMetrics: false });
    const metrics = createHttpMetrics(registry);
    metrics.observe('GET', '/api/v1/search', 200, 0.011);

    const text = await registry.metrics();
    expect(text).toContain(
      'http_requests_total{method="GET",route="/api/v1/search",status_code="200",service="search"} 1',
    );
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0.12",.*\} 1/);
  });

  it('collects event-loop lag with default metrics', async () => {
    const registry = createRegistry({ service: 'search' });
    expect(await registry.metrics()).toContain('nodejs_eventloop_lag_p99_seconds');
  });
});

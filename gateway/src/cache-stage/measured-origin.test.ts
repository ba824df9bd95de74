import request from 'supertest';
import type { ServiceName } from '../routes/route-table';
import { createGatewayHarness, type GatewayHarness } from '../testing/gateway-harness';
import { type ListeningApp, listenApp } from '../testing/listen-app';
import { closedPortUrl, startUpstreamStub, type UpstreamStub } from '../testing/upstream-stub';

describe('upstream metrics of cached routes', () => {
  let search: UpstreamStub;
  let gateway: GatewayHarness;
  let listening: ListeningApp;

  async function start(catalogUrl: string): Promise<void> {
    search = await startUpstreamStub('search');
    const serviceUrls: Record<ServiceName, string> = {
      search: search.url,
      catalog: catalogUrl,
      eligibility: search.url,
    };
    gateway = createGatewayHarness({ serviceUrls, cache: {} });
    listening = await listenApp(gateway.handler);
  }

  afterEach(async () => {
    await listening.close();
    await gateway.close();
    await search.close();
  });

  it('records the duration of a miss', async () => {
    await start(await closedPortUrl());

    const miss = await request(listening.url).get('/api/v1/search?q=law');
    const hit = await request(listening.url).get('/api/v1/search?q=law');

    expect(miss.headers['x-cache']).toBe('MISS');
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(await gateway.registry.metrics()).toMatch(
      /gateway_upstream_duration_seconds_count\{service="gateway",upstream="search",status_code="200"\} 1\n/,
    );
  });

  it('counts a refused connection as a failure', async () => {
    await start(await closedPortUrl());

    const response = await request(listening.url).get(
      '/api/v1/scholarships/00000000-0000-4000-8000-000000000001',
    );

    expect(response.status).toBe(503);
    const text = await gateway.registry.metrics();
    expect(text).toMatch(
      /gateway_upstream_failures_total\{upstream="catalog",reason="connection_refused",service="gateway"\} 1\n/,
    );
    expect(text).toMatch(
      /gateway_upstream_duration_seconds_count\{service="gateway",upstream="catalog",status_code="503"\} 1\n/,
    );
  });
});

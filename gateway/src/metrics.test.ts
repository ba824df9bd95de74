import { randomBytes } from 'node:crypto';
import { UNMATCHED_ROUTE } from '@scholarships/metrics';
import request from 'supertest';
import type { ServiceName } from './routes/route-table';
import { createGatewayHarness, type GatewayHarness } from './testing/gateway-harness';
import { type ListeningApp, listenApp } from './testing/listen-app';
import { adminAuthorization } from './testing/test-tokens';
import { startUpstreamStub, type UpstreamStub } from './testing/upstream-stub';

/** Returns the series lines of the exposition text, skipping comments. */
function seriesLines(text: string): string[] {
  return text.split('\n').filter((line) => line.length > 0 && !line.startsWith('#'));
}

function randomSegment(): string {
  return randomBytes(6).toString('hex');
}

describe('gateway metrics', () => {
  let stubs: UpstreamStub[];
  let gateway: GatewayHarness;
  let listening: ListeningApp;

  beforeEach(async () => {
    stubs = await Promise.all(
      ['search', 'catalog', 'eligibility'].map((name) => startUpstreamStub(name)),
    );
    const [search, catalog, eligibility] = stubs;
    if (search === undefined || catalog === undefined || eligibility === undefined) {
      throw new Error('expected three stub services');
    }
    const serviceUrls: Record<ServiceName, string> = {
      search: search.url,
      catalog: catalog.url,
      eligibility: eligibility.url,
    };
    gateway = createGatewayHarness({ serviceUrls });
    listening = await listenApp(gateway.app);
  });

  afterEach(async () => {
    await listening.close();
    gateway.close();
    await Promise.all(stubs.map((stub) => stub.close()));
  });

  it('labels proxied requests by route template', async () => {
    await request(listening.url).get('/api/v1/scholarships/1');
    await request(listening.url).get('/api/v1/scholarships/2?fields=name');
    await request(listening.url).get('/api/v1/search?q=law');

    const text = await gateway.registry.metrics();
    expect(text).toContain(
      'http_requests_total{method="GET",route="/api/v1/scholarships/:id",status_code="200",' +
        'service="gateway"} 2',
    );
    expect(text).toContain(
      'http_requests_total{method="GET",route="/api/v1/search",status_code="200",' +
        'service="gateway"} 1',
    );
    expect(text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/search"/);
    expect(text).not.toContain('/api/v1/scholarships/1');
  });

  it('records upstream duration by service and status', async () => {
    await request(listening.url)
      .get('/api/v1/me/matches')
      .set('Authorization', await adminAuthorization());

    const text = await gateway.registry.metrics();
    expect(text).toMatch(
      /gateway_upstream_duration_seconds_count\{service="gateway",upstream="eligibility",status_code="200"\} 1/,
    );
  });

  it('labels a request rejected before routing with its route', async () => {
    const response = await request(listening.url).get('/api/v1/me/profile');
    expect(response.status).toBe(401);

    const text = await gateway.registry.metrics();
    expect(text).toMatch(
      /http_requests_total\{[^}]*route="\/api\/v1\/me\/profile",status_code="401"[^}]*\} 1/,
    );
  });

  it('adds no series for random paths', async () => {
    // The first unmatched request of each kind creates its series; later ones must reuse them.
    const firstAuthorization = await adminAuthorization();
    await request(listening.url).get(`/${randomSegment()}`);
    await request(listening.url)
      .get(`/api/v1/me/saved/${randomSegment()}/${randomSegment()}`)
      .set('Authorization', firstAuthorization);
    const before = seriesLines(await gateway.registry.metrics());

    const segments: string[] = [];
    const authorization = await adminAuthorization();
    for (let index = 0; index < 200; index += 1) {
      const segment = randomSegment();
      segments.push(segment);
      const path =
        index % 2 === 0 ? `/${segment}/${index}` : `/api/v1/me/saved/${segment}/${index}`;
      const response = await request(listening.url).get(path).set('Authorization', authorization);
      expect(response.status).toBe(index % 2 === 0 ? 404 : 200);
    }

    const afterText = await gateway.registry.metrics();
    expect(seriesLines(afterText)).toHaveLength(before.length);
    expect(afterText).toContain(`route="${UNMATCHED_ROUTE}",status_code="404"`);
    expect(afterText).toContain(`route="${UNMATCHED_ROUTE}",status_code="200"`);
    for (const segment of segments) expect(afterText).not.toContain(segment);
  });
});

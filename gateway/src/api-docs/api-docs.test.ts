import { ROUTES } from '@scholarships/api-contract';
import request from 'supertest';
import {
  type GatewayUnderTest,
  metricValue,
  type StubServices,
  startGateway,
  startStubServices,
} from '../testing/gateway-stack';

const DOCUMENT_PATH = '/api/v1/openapi.json';
const PAGE_PATH = '/api/v1/docs';
const SCHOLARSHIP_PATH = '/api/v1/scholarships/0b8b2f43-5e0e-4f55-a1ce-2a8a1a7a6c11';

/** Remaining quota in a `RateLimit` field such as `"default";r=9;t=60`. */
function remaining(response: request.Response): number {
  const match = /;r=(\d+)/.exec(String(response.headers.ratelimit));
  if (!match) throw new Error(`no RateLimit field in ${JSON.stringify(response.headers)}`);
  return Number(match[1]);
}

describe('API documentation routes', () => {
  let services: StubServices;
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    services = await startStubServices();
    gateway = await startGateway({
      services,
      environment: { RATE_LIMIT_POLICIES: 'default=100/60' },
    });
  });

  afterAll(async () => {
    await gateway.close();
    await services.close();
  });

  it('serves the OpenAPI 3.1 document', async () => {
    const response = await request(gateway.listening.url).get(DOCUMENT_PATH);

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.body.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(response.body.paths)).toContain('/api/v1/scholarships/{id}');
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
  });

  it('answers a matching If-None-Match with 304', async () => {
    const first = await request(gateway.listening.url).get(DOCUMENT_PATH);
    const weak = `W/${first.headers.etag}`;

    const revalidated = await request(gateway.listening.url)
      .get(DOCUMENT_PATH)
      .set('If-None-Match', `"other", ${weak}`);

    expect(revalidated.status).toBe(304);
    expect(revalidated.text).toBe('');
    expect(revalidated.headers.etag).toBe(first.headers.etag);
  });

  it('answers a stale If-None-Match with the document', async () => {
    const response = await request(gateway.listening.url)
      .get(DOCUMENT_PATH)
      .set('If-None-Match', '"stale"');

    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\.1\./);
  });

  it('renders every route on a page that loads nothing else', async () => {
    const response = await request(gateway.listening.url).get(PAGE_PATH);

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    for (const route of ROUTES) {
      expect(response.text).toContain(`id="${route.operationId}"`);
    }
    expect(response.text).not.toMatch(/<script|<link|src=|https?:\/\//);
    expect(response.text).not.toContain('`');
    expect(response.headers['content-security-policy']).toMatch(
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+';/,
    );
    expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
  });

  it('sends document headers on the page only', async () => {
    const page = await request(gateway.listening.url).get(PAGE_PATH);
    const json = await request(gateway.listening.url).get(DOCUMENT_PATH);

    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(json.headers['referrer-policy']).toBeUndefined();
    expect(json.headers['cross-origin-opener-policy']).toBeUndefined();
    expect(json.headers['x-content-type-options']).toBe('nosniff');
  });

  it('needs no token and costs what a lookup by id costs', async () => {
    const before = await request(gateway.listening.url).get(SCHOLARSHIP_PATH);
    const documentResponse = await request(gateway.listening.url).get(DOCUMENT_PATH);
    const after = await request(gateway.listening.url).get(SCHOLARSHIP_PATH);

    expect(documentResponse.status).toBe(200);
    const lookupCost = remaining(documentResponse) - remaining(after);
    expect(remaining(before) - remaining(documentResponse)).toBe(lookupCost);
  });

  it('labels its metrics with its own route', async () => {
    await request(gateway.listening.url).get(PAGE_PATH);

    const documentCount = await metricValue(
      gateway.harness,
      'http_requests_total',
      `route="${DOCUMENT_PATH}"`,
    );
    const pageCount = await metricValue(
      gateway.harness,
      'http_requests_total',
      `route="${PAGE_PATH}"`,
    );
    expect(documentCount).toBeGreaterThan(0);
    expect(pageCount).toBeGreaterThan(0);
  });
});

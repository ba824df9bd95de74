import { createCatalogTestContext } from '@scholarships/catalog/test-support';
import { createMigratedDatabase, createTestApp } from '@scholarships/eligibility/test-support';
import {
  createGatewayHarness,
  type GatewayHarness,
  type ListeningApp,
  listenApp,
} from '@scholarships/gateway/testing';
import { startSearchTestApp } from '@scholarships/search/test-support';
import request from 'supertest';
import { ConformanceLog } from './conformance-log';

/** A query the web application firewall rejects as cross-site scripting. */
const XSS_QUERY = `?q=${encodeURIComponent('<script>alert(1)</script>')}`;

interface Gateway {
  harness: GatewayHarness;
  listening: ListeningApp;
}

async function startGateway(serviceUrls: Record<'search' | 'catalog' | 'eligibility', string>) {
  const harness = createGatewayHarness({ serviceUrls });
  return { harness, listening: await listenApp(harness.handler) };
}

async function stopGateway(gateway: Gateway | undefined): Promise<void> {
  await gateway?.listening.close();
  await gateway?.harness.close();
}

describe('gateway responses against the catalogue', () => {
  const log = new ConformanceLog('gateway');
  const cleanups: (() => Promise<void>)[] = [];
  let serviceUrls: Record<'search' | 'catalog' | 'eligibility', string>;
  let gateway: Gateway;

  beforeAll(async () => {
    const catalog = await createCatalogTestContext();
    cleanups.push(() => catalog.close());
    const search = await startSearchTestApp('contract_gateway_search');
    cleanups.push(() => search.close());
    const eligibility = await createMigratedDatabase('contract_gateway_eligibility');
    cleanups.push(() => eligibility.drop());
    const listening = {
      catalog: await listenApp(catalog.app),
      search: await listenApp(search.app),
      eligibility: await listenApp(createTestApp(eligibility.db)),
    };
    for (const app of Object.values(listening)) cleanups.push(() => app.close());
    serviceUrls = {
      catalog: listening.catalog.url,
      search: listening.search.url,
      eligibility: listening.eligibility.url,
    };
    gateway = await startGateway(serviceUrls);
  });

  afterAll(async () => {
    await stopGateway(gateway);
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  function expectConforms(operationId: string, response: request.Response, status: number) {
    expect(response.status).toBe(status);
    expect(log.check(operationId, response)).toEqual([]);
  }

  it('getHealth: 200 with every service up, 503 with one down', async () => {
    const healthy = await request(gateway.listening.url).get('/api/v1/health');
    expectConforms('getHealth', healthy, 200);

    const closed = await listenApp((_req, res) => res.end());
    await closed.close();
    const degraded = await startGateway({ ...serviceUrls, eligibility: closed.url });
    try {
      const report = await request(degraded.listening.url).get('/api/v1/health');
      expectConforms('getHealth', report, 503);
      expect(report.body.services.eligibility.status).toBe('failed');
    } finally {
      await stopGateway(degraded);
    }
  });

  it.each(['getOpenApiDocument', 'getApiDocs'])('%s: 200, 304 and 403', async (operationId) => {
    const path = operationId === 'getApiDocs' ? '/api/v1/docs' : '/api/v1/openapi.json';

    const document = await request(gateway.listening.url).get(path);
    expectConforms(operationId, document, 200);
    const unchanged = await request(gateway.listening.url)
      .get(path)
      .set('If-None-Match', String(document.headers.etag));
    expectConforms(operationId, unchanged, 304);
    const blocked = await request(gateway.listening.url).get(`${path}${XSS_QUERY}`);
    expectConforms(operationId, blocked, 403);
  });

  it('covers every gateway route with a success and a failure', () => {
    expect(log.uncovered()).toEqual([]);
  });
});

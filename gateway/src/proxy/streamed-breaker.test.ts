import { createServer, request as httpRequest, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { UPSTREAM_BREAKER_SETTINGS } from '../cache-stage/gateway-cache';
import { createGatewayHarness, type GatewayHarness } from '../testing/gateway-harness';
import { type ListeningApp, listenApp } from '../testing/listen-app';
import { adminAuthorization } from '../testing/test-tokens';
import { closedPortUrl, closeServer } from '../testing/upstream-stub';

/** A streamed catalog route: the gateway has no cache policy for it. */
const SAVED_PATH = '/api/v1/me/saved';
const LOOKUP_PATH = '/api/v1/scholarships/7f0c2a4e-1111-4d2b-9a47-0e5a9d1c0b01';
/**
 * The upstream timeout of these tests. A service stub's immediate response must arrive well within it
 * even when other tests keep both cores busy, or it would count as a timeout.
 */
const TIMEOUT_MS = 1000;

/**
 * `hang` keeps each request open without a response, `partial` sends the headers and the first
 * chunk and keeps the rest until `finishPartial`, and a number is the status of a small JSON
 * response.
 */
type Behaviour = 'hang' | 'partial' | number;

interface CatalogStub {
  url: string;
  behaviour: Behaviour;
  /** Requests received so far. */
  requestCount(): number;
  finishPartial(): void;
  close(): Promise<void>;
}

async function startCatalogStub(): Promise<CatalogStub> {
  let count = 0;
  const partial: ServerResponse[] = [];
  const stub: CatalogStub = {
    url: '',
    behaviour: 200,
    requestCount: () => count,
    finishPartial: () => {
      for (const res of partial.splice(0)) res.end(']}');
    },
    close: () => closeServer(server),
  };
  const server = createServer((req, res) => {
    count += 1;
    req.resume();
    const { behaviour } = stub;
    if (behaviour === 'hang') return;
    if (behaviour === 'partial') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"items":[');
      partial.push(res);
      return;
    }
    res.writeHead(behaviour, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: behaviour }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return stub;
}

describe('streamed routes and the circuit breaker', () => {
  let catalog: CatalogStub;
  let gateway: GatewayHarness;
  let authorization: string;

  beforeEach(async () => {
    catalog = await startCatalogStub();
    const unused = await closedPortUrl();
    gateway = createGatewayHarness({
      serviceUrls: { search: unused, catalog: catalog.url, eligibility: unused },
      environment: { UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS) },
      cache: {},
    });
    authorization = await adminAuthorization();
  });

  afterEach(async () => {
    await gateway.close();
    await catalog.close();
  });

  const getSaved = () => request(gateway.app).get(SAVED_PATH).set('Authorization', authorization);

  function catalogBreakerState() {
    const breakers = gateway.gatewayCache?.breakers;
    if (breakers === undefined) throw new Error('the harness has no breakers');
    return breakers.state('catalog');
  }

  /** Waits for the open breaker to let a trial through, a little over its reset timeout. */
  async function waitForHalfOpen(): Promise<void> {
    const deadline = Date.now() + UPSTREAM_BREAKER_SETTINGS.resetTimeoutMs + 2000;
    while (catalogBreakerState() !== 'halfOpen') {
      if (Date.now() > deadline) throw new Error('the catalog breaker did not become half-open');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  function expectCircuitOpen(response: request.Response): void {
    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('UPSTREAM_CIRCUIT_OPEN');
    expect(response.body.detail).toContain('catalog');
    const retryAfter = Number(response.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(UPSTREAM_BREAKER_SETTINGS.resetTimeoutMs / 1000);
  }

  it('opens after two streamed timeouts', async () => {
    catalog.behaviour = 'hang';
    expect((await getSaved()).status).toBe(504);
    expect((await getSaved()).status).toBe(504);

    const startedAt = Date.now();
    const rejected = await getSaved();

    expectCircuitOpen(rejected);
    expect(Date.now() - startedAt).toBeLessThan(TIMEOUT_MS);
    expect(catalog.requestCount()).toBe(2);
  });

  it('rejects streamed requests after lookups timed out', async () => {
    catalog.behaviour = 'hang';
    expect((await request(gateway.app).get(LOOKUP_PATH)).status).toBe(504);
    expect((await request(gateway.app).get(LOOKUP_PATH)).status).toBe(504);

    expectCircuitOpen(await getSaved());
    expect(catalog.requestCount()).toBe(2);
  });

  it('opens on streamed 5xx responses', async () => {
    catalog.behaviour = 500;
    for (let index = 0; index < UPSTREAM_BREAKER_SETTINGS.volumeThreshold; index += 1) {
      expect((await getSaved()).status).toBe(500);
    }

    expect(catalogBreakerState()).toBe('open');
    expectCircuitOpen(await getSaved());
    expect(catalog.requestCount()).toBe(UPSTREAM_BREAKER_SETTINGS.volumeThreshold);
  });

  it('ignores streamed 4xx responses', async () => {
    catalog.behaviour = 404;
    for (let index = 0; index < 8; index += 1) expect((await getSaved()).status).toBe(404);

    expect(catalogBreakerState()).toBe('closed');
    expect(catalog.requestCount()).toBe(8);
  });

  it('ignores clients that leave early', async () => {
    catalog.behaviour = 'hang';
    for (let index = 0; index < 6; index += 1) {
      await expect(getSaved().timeout(TIMEOUT_MS / 4)).rejects.toThrow();
    }
    // The gateway notices each closed client connection on a later turn of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(catalogBreakerState()).toBe('closed');
    expect(catalog.requestCount()).toBe(6);
  });

  it('reopens on a failed trial and closes on a good one', async () => {
    catalog.behaviour = 'hang';
    await getSaved();
    await getSaved();
    expect(catalogBreakerState()).toBe('open');

    await waitForHalfOpen();
    catalog.behaviour = 502;
    expect((await getSaved()).status).toBe(502);
    expect(catalogBreakerState()).toBe('open');
    expectCircuitOpen(await getSaved());

    await waitForHalfOpen();
    catalog.behaviour = 200;
    expect((await getSaved()).status).toBe(200);
    expect(catalogBreakerState()).toBe('closed');
    expect((await getSaved()).status).toBe(200);
    expect(catalog.requestCount()).toBe(5);
  }, 20_000);

  it('reopens when the trial client leaves', async () => {
    catalog.behaviour = 'hang';
    await getSaved();
    await getSaved();
    expect(catalogBreakerState()).toBe('open');

    await waitForHalfOpen();
    await expect(getSaved().timeout(TIMEOUT_MS / 4)).rejects.toThrow();
    // The gateway notices the closed client connection on a later turn of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(catalogBreakerState()).toBe('open');
    const startedAt = Date.now();
    expectCircuitOpen(await getSaved());
    expect(Date.now() - startedAt).toBeLessThan(TIMEOUT_MS);
    expect(catalog.requestCount()).toBe(3);
  }, 20_000);

  it('streams the body before it ends', async () => {
    catalog.behaviour = 'partial';
    const listening: ListeningApp = await listenApp(gateway.app);
    try {
      const firstChunk = await new Promise<string>((resolve, reject) => {
        const outgoing = httpRequest(new URL(SAVED_PATH, listening.url), {
          headers: { authorization },
        });
        outgoing.on('error', reject);
        outgoing.on('response', (response) => {
          response.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8')));
        });
        outgoing.end();
      });

      expect(firstChunk).toBe('{"items":[');
      expect(catalogBreakerState()).toBe('closed');
    } finally {
      catalog.finishPartial();
      await listening.close();
    }
  });
});

import { createServer, request, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { createGatewayHarness, type GatewayHarness } from '../testing/gateway-harness';
import { metricValue } from '../testing/gateway-stack';
import { type ListeningApp, listenApp } from '../testing/listen-app';
import { adminAuthorization } from '../testing/test-tokens';
import { closedPortUrl, closeServer } from '../testing/upstream-stub';

/** A streamed catalog route: the gateway has no cache policy for it. */
const SAVED_PATH = '/api/v1/me/saved';
const TIMEOUT_MS = 300;
/** Large enough that the socket buffers on both sides fill while the client stops reading. */
const BODY_BYTES = 32 * 1024 * 1024;
/** Several times the upstream timeout, so a gateway that times out the body cuts it off. */
const CLIENT_PAUSE_MS = 1200;
const CLIENT_TIMEOUT_MS = 10_000;

interface SlowRead {
  status: number;
  bytes: number;
  complete: boolean;
}

/** Reads the first chunk, stops reading for `pauseMs`, then reads the rest to its end. */
function readWithPause(origin: string, authorization: string, pauseMs: number): Promise<SlowRead> {
  return new Promise((resolve, reject) => {
    const outgoing = request(new URL(SAVED_PATH, origin), {
      headers: { authorization },
      agent: false,
    });
    outgoing.setTimeout(CLIENT_TIMEOUT_MS, () => outgoing.destroy());
    outgoing.on('error', reject);
    outgoing.on('response', (response) => {
      let bytes = 0;
      let paused = false;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (paused) return;
        paused = true;
        response.pause();
        setTimeout(() => response.resume(), pauseMs);
      });
      response.on('error', () => undefined);
      response.on('close', () => {
        resolve({ status: response.statusCode ?? 0, bytes, complete: response.complete });
      });
    });
    outgoing.end();
  });
}

describe('streamed responses to a slow client', () => {
  const body = Buffer.alloc(BODY_BYTES, 'a');
  let catalog: Server;
  let gateway: GatewayHarness;
  let listening: ListeningApp;
  /** Resolves when the service's response to a request ended, completely or not. */
  let responseClosed: Promise<void>;

  beforeEach(async () => {
    let closed = () => {};
    responseClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    catalog = createServer((req, res) => {
      req.resume();
      res.on('close', closed);
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(body);
    });
    await new Promise<void>((resolve) => catalog.listen(0, '127.0.0.1', resolve));
    const catalogUrl = `http://127.0.0.1:${(catalog.address() as AddressInfo).port}`;
    const unused = await closedPortUrl();
    gateway = createGatewayHarness({
      serviceUrls: { search: unused, catalog: catalogUrl, eligibility: unused },
      environment: { UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS) },
      cache: {},
    });
    listening = await listenApp(gateway.app);
  });

  afterEach(async () => {
    await listening.close();
    await gateway.close();
    await closeServer(catalog);
  });

  it('streams the whole body to pausing clients', async () => {
    const authorization = await adminAuthorization();

    for (let client = 0; client < 2; client += 1) {
      const read = await readWithPause(listening.url, authorization, CLIENT_PAUSE_MS);

      expect(read.status).toBe(200);
      expect(read.bytes).toBe(BODY_BYTES);
      expect(read.complete).toBe(true);
    }

    const labels = 'upstream="catalog",reason="timeout"';
    expect(await metricValue(gateway, 'gateway_upstream_failures_total', labels)).toBeUndefined();
    expect(gateway.gatewayCache?.breakers.state('catalog')).toBe('closed');
  }, 20_000);

  it('disconnects a client that stops reading', async () => {
    const authorization = await adminAuthorization();
    const { port } = new URL(listening.url);
    const client = connect(Number(port), '127.0.0.1');
    client.pause();
    client.write(
      `GET ${SAVED_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${authorization}\r\n\r\n`,
    );
    const startedAt = Date.now();
    try {
      // The gateway gives up after ten upstream timeouts without the client reading.
      await responseClosed;
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(TIMEOUT_MS * 9);
    } finally {
      client.destroy();
    }

    const closedLabels = 'upstream="catalog",reason="client_closed"';
    expect(await metricValue(gateway, 'gateway_upstream_failures_total', closedLabels)).toBe(1);
    const timeoutLabels = 'upstream="catalog",reason="timeout"';
    expect(
      await metricValue(gateway, 'gateway_upstream_failures_total', timeoutLabels),
    ).toBeUndefined();
    expect(gateway.gatewayCache?.breakers.state('catalog')).toBe('closed');
  }, 20_000);
});

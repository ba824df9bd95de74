import { request } from 'node:http';
import { createGatewayHarness, type GatewayHarness } from '../testing/gateway-harness';
import { metricValue } from '../testing/gateway-stack';
import { type ListeningApp, listenApp } from '../testing/listen-app';
import {
  type RawUpstream,
  type RawUpstreamEnding,
  startRawUpstream,
} from '../testing/raw-upstream';
import { adminAuthorization } from '../testing/test-tokens';
import { closedPortUrl } from '../testing/upstream-stub';

/** Headers that promise 100 bytes, followed by only 7 of them. */
const SHORT_RESPONSE =
  'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":1}';

/** Upstream timeout of the stall test, short so the test is quick. */
const STALL_TIMEOUT_MS = 300;
const CLIENT_TIMEOUT_MS = 3000;
/** A streamed catalog route: the gateway has no cache policy for it. */
const SAVED_PATH = '/api/v1/me/saved';

interface ClientOutcome {
  status: number;
  body: string;
  /** Whether the response arrived whole; false when the connection was cut off. */
  complete: boolean;
  elapsedMs: number;
}

/** Reads one response to its end or until the gateway cuts the connection off. */
function fetchOutcome(origin: string, path: string, authorization: string): Promise<ClientOutcome> {
  const startedAt = Date.now();
  return new Promise((resolve, reject) => {
    const outgoing = request(new URL(path, origin), { headers: { authorization }, agent: false });
    // Bounds the wait, so a gateway that never ends the response fails the test's time checks.
    outgoing.setTimeout(CLIENT_TIMEOUT_MS, () => outgoing.destroy());
    outgoing.on('error', reject);
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', () => undefined);
      response.on('close', () => {
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          complete: response.complete,
          elapsedMs: Date.now() - startedAt,
        });
      });
    });
    outgoing.end();
  });
}

describe('streamed response failures', () => {
  let upstream: RawUpstream;
  let gateway: GatewayHarness;
  let listening: ListeningApp;

  async function start(ending: RawUpstreamEnding, timeoutMs: number): Promise<void> {
    upstream = await startRawUpstream(SHORT_RESPONSE, ending);
    const unused = await closedPortUrl();
    gateway = createGatewayHarness({
      serviceUrls: { search: unused, catalog: upstream.url, eligibility: unused },
      environment: { UPSTREAM_TIMEOUT_MS: String(timeoutMs) },
    });
    listening = await listenApp(gateway.app);
  }

  function catalogFailures(reason: string): Promise<number | undefined> {
    const labels = `upstream="catalog",reason="${reason}"`;
    return metricValue(gateway, 'gateway_upstream_failures_total', labels);
  }

  afterEach(async () => {
    await listening.close();
    await gateway.close();
    await upstream.close();
  });

  it('cuts off a body that breaks off', async () => {
    // The timeout is longer than the client waits, so only the break itself can end the response.
    await start('close', 10_000);

    const outcome = await fetchOutcome(listening.url, SAVED_PATH, await adminAuthorization());

    expect(outcome.status).toBe(200);
    expect(outcome.body).toBe('{"a":1}');
    expect(outcome.complete).toBe(false);
    expect(outcome.elapsedMs).toBeLessThan(1000);
    expect(await catalogFailures('connection_reset')).toBe(1);
  });

  it('cuts off a body that stalls', async () => {
    await start('stall', STALL_TIMEOUT_MS);

    const outcome = await fetchOutcome(listening.url, SAVED_PATH, await adminAuthorization());

    expect(outcome.status).toBe(200);
    expect(outcome.body).toBe('{"a":1}');
    expect(outcome.complete).toBe(false);
    expect(outcome.elapsedMs).toBeGreaterThanOrEqual(STALL_TIMEOUT_MS - 10);
    expect(outcome.elapsedMs).toBeLessThan(STALL_TIMEOUT_MS + 2000);
    expect(await catalogFailures('timeout')).toBe(1);
  });
});

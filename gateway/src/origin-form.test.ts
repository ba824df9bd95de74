import { connect } from 'node:net';
import {
  type GatewayUnderTest,
  type StubServices,
  startGateway,
  startStubServices,
  UNIT_COST_ROUTES,
} from './testing/gateway-stack';

const SCHOLARSHIP_PATH = '/api/v1/scholarships/6f1d3c9e-2b7a-4c1e-9d2f-0a1b2c3d4e5f';

let services: StubServices;
let gateway: GatewayUnderTest;

beforeAll(async () => {
  services = await startStubServices();
  gateway = await startGateway({
    services,
    environment: { RATE_LIMIT_ROUTES: UNIT_COST_ROUTES },
    cache: {},
  });
});

afterAll(async () => {
  await gateway.close();
  await services.close();
});

/** Sends one request line and headers over a raw socket; resolves with the response head. */
function sendRaw(port: number, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      if (end >= 0) {
        socket.destroy();
        resolve(received.slice(0, end));
      }
    });
    socket.on('error', reject);
    socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  });
}

function headerOf(head: string, name: string): string | undefined {
  const line = head.split('\r\n').find((entry) => entry.toLowerCase().startsWith(`${name}:`));
  return line?.slice(name.length + 1).trim();
}

describe('request targets in absolute form', () => {
  it('share the cache entry of the same path', async () => {
    const first = await fetch(`${gateway.listening.url}${SCHOLARSHIP_PATH}`);
    await first.text();
    expect(first.headers.get('x-cache')).toBe('MISS');

    const port = Number(new URL(gateway.listening.url).port);
    const head = await sendRaw(port, `http://any-host.example${SCHOLARSHIP_PATH}`);
    expect(head.startsWith('HTTP/1.1 200')).toBe(true);
    expect(headerOf(head, 'x-cache')).toBe('HIT');
    expect(services.stubs.catalog.requests.map((request) => request.url)).toEqual([
      SCHOLARSHIP_PATH,
    ]);
  });
});

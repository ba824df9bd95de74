import { Agent, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isClientError } from '../../breakers/breaker-errors';
import { cacheRequest } from '../testing/cache-fixture';
import { createHttpOrigin, OriginBodyTooLargeError } from './http-origin';

function listen(host: string, body: string, status: number): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, host, () => resolve(server)));
}

interface OriginStub {
  host: string;
  body?: string;
  status?: number;
}

/**
 * Starts a service that answers every request with `body` and `status`, runs `use` with an origin
 * of 1 KiB body limit in front of it, and stops both.
 */
async function withOrigin(
  stub: OriginStub,
  use: (fetchOrigin: ReturnType<typeof createHttpOrigin>) => Promise<void>,
): Promise<void> {
  const server = await listen(stub.host, stub.body ?? '{"ok":true}', stub.status ?? 200);
  const agent = new Agent({ keepAlive: false });
  try {
    const { port } = server.address() as AddressInfo;
    const host = stub.host.includes(':') ? `[${stub.host}]` : stub.host;
    await use(
      createHttpOrigin({
        origin: `http://${host}:${port}`,
        agent,
        timeoutMs: 2000,
        maxBodyBytes: 1024,
      }),
    );
  } finally {
    agent.destroy();
    server.close();
  }
}

const OVERSIZED_BODY = `{"detail":"${'x'.repeat(4096)}"}`;

describe('createHttpOrigin', () => {
  it('reaches a service at an IPv6 literal', async () => {
    await withOrigin({ host: '::1' }, async (fetchOrigin) => {
      const response = await fetchOrigin(cacheRequest('/api/v1/search'));

      expect(response.status).toBe(200);
      expect(response.body.toString('utf8')).toBe('{"ok":true}');
    });
  });

  it('rejects a body over the limit', async () => {
    await withOrigin({ host: '127.0.0.1', body: OVERSIZED_BODY }, async (fetchOrigin) => {
      const response = fetchOrigin(cacheRequest('/api/v1/search'));

      await expect(response).rejects.toBeInstanceOf(OriginBodyTooLargeError);
    });
  });

  it('reports the status of an oversized body', async () => {
    const stub = { host: '127.0.0.1', body: OVERSIZED_BODY, status: 400 };
    await withOrigin(stub, async (fetchOrigin) => {
      const failure = await fetchOrigin(cacheRequest('/api/v1/search')).catch((error) => error);

      expect(failure).toBeInstanceOf(OriginBodyTooLargeError);
      expect(failure.status).toBe(400);
      expect(isClientError(failure)).toBe(true);
    });
  });
});

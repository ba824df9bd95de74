import { Agent, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isClientError } from '../../breakers/breaker-errors';
import { cacheRequest } from '../testing/cache-fixture';
import { createHttpOrigin, OriginBodyTooLargeError } from './http-origin';

function listen(host: string, body = '{"ok":true}', status = 200): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, host, () => resolve(server)));
}

describe('createHttpOrigin', () => {
  it('reaches a service at an IPv6 literal', async () => {
    const server = await listen('::1');
    const agent = new Agent({ keepAlive: false });
    try {
      const { port } = server.address() as AddressInfo;
      const fetchOrigin = createHttpOrigin({
        origin: `http://[::1]:${port}`,
        agent,
        timeoutMs: 2000,
        maxBodyBytes: 1024,
      });

      const response = await fetchOrigin(cacheRequest('/api/v1/search'));

      expect(response.status).toBe(200);
      expect(response.body.toString('utf8')).toBe('{"ok":true}');
    } finally {
      agent.destroy();
      server.close();
    }
  });

  it('rejects a body over the limit', async () => {
    const server = await listen('127.0.0.1', `{"detail":"${'x'.repeat(4096)}"}`);
    const agent = new Agent({ keepAlive: false });
    try {
      const { port } = server.address() as AddressInfo;
      const fetchOrigin = createHttpOrigin({
        origin: `http://127.0.0.1:${port}`,
        agent,
        timeoutMs: 2000,
        maxBodyBytes: 1024,
      });

      const response = fetchOrigin(cacheRequest('/api/v1/search'));

      await expect(response).rejects.toBeInstanceOf(OriginBodyTooLargeError);
    } finally {
      agent.destroy();
      server.close();
    }
  });

  it('reports the status of an oversized body', async () => {
    const server = await listen('127.0.0.1', `{"detail":"${'x'.repeat(4096)}"}`, 400);
    const agent = new Agent({ keepAlive: false });
    try {
      const { port } = server.address() as AddressInfo;
      const fetchOrigin = createHttpOrigin({
        origin: `http://127.0.0.1:${port}`,
        agent,
        timeoutMs: 2000,
        maxBodyBytes: 1024,
      });

      const failure = await fetchOrigin(cacheRequest('/api/v1/search')).catch((error) => error);

      expect(failure).toBeInstanceOf(OriginBodyTooLargeError);
      expect(failure.status).toBe(400);
      expect(isClientError(failure)).toBe(true);
    } finally {
      agent.destroy();
      server.close();
    }
  });
});

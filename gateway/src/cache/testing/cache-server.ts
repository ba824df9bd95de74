import { Agent, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpOrigin } from '../origin/http-origin';
import type { RequestIdentity } from '../request/cache-request';
import { createCacheRequest } from '../request/create-cache-request';
import { readRequestBody } from '../request/read-request-body';
import { writeCacheResponse } from '../response/write-response';
import type { ResponseCache } from '../response-cache';

/**
 * A gateway stand-in for tests: a raw `http` server that serves every request with
 * `cache.serve`, the way the lean path does before Express. The test header
 * `x-test-user` stands for the identity that the auth stage would verify.
 */
export interface CacheServer {
  url: string;
  close(): Promise<void>;
}

export async function startCacheServer(
  cache: ResponseCache,
  originUrl: string,
  service = 'search',
): Promise<CacheServer> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const fetch = createHttpOrigin({
    origin: originUrl,
    agent,
    timeoutMs: 2000,
    maxBodyBytes: 1024 * 1024,
  });
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body =
        req.method === 'GET' || req.method === 'HEAD'
          ? undefined
          : await readRequestBody(req, 1024 * 1024);
      const user = req.headers['x-test-user'];
      const identity: RequestIdentity | undefined =
        typeof user === 'string' ? { userId: user, roles: [] } : undefined;
      const request = createCacheRequest(req, {
        ...(body === undefined ? {} : { body }),
        ...(identity === undefined ? {} : { identity }),
        requestId: 'cache-server',
      });
      writeCacheResponse(res, await cache.serve(request, { service, fetch }));
    })().catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

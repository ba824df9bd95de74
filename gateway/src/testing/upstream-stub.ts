import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the stub service received it, with the raw bytes of its body. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface StubReadiness {
  status: number;
  body: unknown;
}

export interface UpstreamStubOptions {
  /**
   * `echo` returns each request as JSON, and `hang` reads every request, `/readyz` included,
   * without responding.
   */
  mode?: 'echo' | 'hang';
  /** Response to `GET /readyz`. The default is 200 with a passing database check. */
  readiness?: StubReadiness;
  /** Extra headers on every echo response, e.g. security headers a service sets itself. */
  responseHeaders?: Record<string, string>;
  /** Milliseconds each echo response waits before it is sent, as a slow query would. */
  delayMs?: number;
}

export interface UpstreamStub {
  name: string;
  /** Origin to put in the gateway's config, e.g. `http://127.0.0.1:40123`. */
  url: string;
  requests: RecordedRequest[];
  /** TCP connections accepted so far. */
  connectionCount(): number;
  /** Count of `/readyz` requests served so far, which `requests` leaves out. */
  readinessProbeCount(): number;
  close(): Promise<void>;
}

export const READY_WITH_DATABASE: StubReadiness = {
  status: 200,
  body: { status: 'ready', checks: { database: 'ok' } },
};

/**
 * Starts a stand-in service on 127.0.0.1 and an ephemeral port. Echo responses list Connection,
 * Keep-Alive and a field named in Connection, so tests can check the gateway strips them.
 */
export async function startUpstreamStub(
  name: string,
  options: UpstreamStubOptions = {},
): Promise<UpstreamStub> {
  const requests: RecordedRequest[] = [];
  let readinessProbes = 0;
  let connections = 0;
  const readiness = options.readiness ?? READY_WITH_DATABASE;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      if (options.mode === 'hang') {
        requests.push(recorded);
        return;
      }
      if (recorded.url === '/readyz') {
        readinessProbes += 1;
        res.writeHead(readiness.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(readiness.body));
        return;
      }
      requests.push(recorded);
      if (options.delayMs === undefined) respondWithEcho(recorded);
      else setTimeout(() => respondWithEcho(recorded), options.delayMs);
    });
    function respondWithEcho(recorded: RecordedRequest) {
      // The echo is built first so that, like an Express service, the stub sends Content-Length,
      // to HEAD as well.
      const echo = JSON.stringify({
        service: name,
        method: recorded.method,
        url: recorded.url,
        headers: recorded.headers,
        body: recorded.body.toString('base64'),
      });
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(echo)),
        connection: 'keep-alive, x-upstream-hop',
        'keep-alive': 'timeout=60',
        'x-upstream-hop': 'must not reach the client',
        'x-upstream-service': name,
        ...options.responseHeaders,
      });
      res.end(echo);
    }
  });
  server.on('connection', () => {
    connections += 1;
  });

  const port = await listen(server);
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    requests,
    connectionCount: () => connections,
    readinessProbeCount: () => readinessProbes,
    close: () => closeServer(server),
  };
}

/** Returns the origin of a port on 127.0.0.1 that was just released, so connecting is refused. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  const port = await listen(server);
  await closeServer(server);
  return `http://127.0.0.1:${port}`;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Closes a server, its idle and active connections included, and resolves once it has closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

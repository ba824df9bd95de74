import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request as the origin received it. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type OriginHandler = (request: ReceivedRequest, response: ServerResponse) => void;

/**
 * A real HTTP origin on 127.0.0.1 that counts requests. It can be stopped and started again on
 * the same port, to stand for a service that goes down and comes back.
 */
export interface OriginServer {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  setHandler(handler: OriginHandler): void;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface OriginServerOptions {
  /** Milliseconds every response waits before it is written. */
  delayMs?: number;
}

export async function startOriginServer(options: OriginServerOptions = {}): Promise<OriginServer> {
  const requests: ReceivedRequest[] = [];
  let handler: OriginHandler = echoJson;
  let server: Server | undefined;
  let port = 0;
  const sockets = new Set<Socket>();

  const listen = async () => {
    const created = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const received = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        requests.push(received);
        const respond = () => handler(received, res);
        if (options.delayMs === undefined) respond();
        else setTimeout(respond, options.delayMs);
      });
    });
    created.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      created.once('error', reject);
      created.listen(port, '127.0.0.1', () => resolve());
    });
    port = (created.address() as AddressInfo).port;
    server = created;
  };
  await listen();

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setHandler(next) {
      handler = next;
    },
    async stop() {
      const closing = server;
      server = undefined;
      if (closing === undefined) return;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
    start: listen,
  };
}

/** Responds with a JSON body naming the request URL. */
export function echoJson(request: ReceivedRequest, response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ url: request.url }));
}

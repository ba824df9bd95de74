import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';

/** The raw upstream's action after it has written its bytes to a connection. */
export type RawUpstreamEnding = 'close' | 'stall';

export interface RawUpstream {
  /** Origin to put in the gateway's config, e.g. `http://127.0.0.1:40123`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts a TCP server on 127.0.0.1 that writes `reply` verbatim once each connection sends its
 * first bytes, and then closes the connection or leaves it open without sending more. It plays a
 * service whose response breaks off or stalls after its headers.
 */
export async function startRawUpstream(
  reply: string,
  ending: RawUpstreamEnding,
): Promise<RawUpstream> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.once('data', () => {
      socket.write(reply);
      if (ending === 'close') socket.end();
    });
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

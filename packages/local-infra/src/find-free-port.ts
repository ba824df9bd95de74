import { createServer } from 'node:net';

/**
 * Finds a TCP port that is free on `host` by listening on port 0 and closing the listener.
 *
 * Another process can take the port before the caller binds it, so `startPostgres` and
 * `startRedis` retry with a new port when the server reports that the address is in use.
 *
 * @param host Interface address to probe. Default: `127.0.0.1`.
 */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error) => {
      reject(
        new Error(`Failed to find a free TCP port on ${host}: ${error.message}`, { cause: error }),
      );
    });
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close((closeError) => {
        if (closeError) {
          reject(closeError);
        } else if (port === undefined) {
          reject(new Error(`Failed to find a free TCP port on ${host}: the listener has no port`));
        } else {
          resolve(port);
        }
      });
    });
  });
}

import { createServer } from 'node:net';

/** Outcome of listening on a port for a moment: the port taken, or why it could not be. */
export type ListenProbe = { ok: true; port: number } | { ok: false; error: NodeJS.ErrnoException };

/**
 * Listens on `host:port` and closes the listener at once. Port 0 lets the system pick one. The
 * result shows whether the port can be taken now, but another process can still take it before
 * the caller binds it. Rejects only when closing the listener fails.
 */
export function tryListen(host: string, port: number): Promise<ListenProbe> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, error }));
    server.listen({ host, port, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close((closeError) => {
        if (closeError) reject(closeError);
        else if (bound === undefined) {
          resolve({ ok: false, error: new Error('the listener has no port') });
        } else resolve({ ok: true, port: bound });
      });
    });
  });
}

/**
 * Finds a TCP port that is free on `host` by listening on port 0 and closing the listener.
 *
 * Another process can take the port before the caller binds it, so `startPostgres` and
 * `startRedis` retry with a new port when the server reports that the address is in use.
 *
 * @param host Interface address to probe. Default: `127.0.0.1`.
 */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  const probe = await tryListen(host, 0);
  if (!probe.ok) {
    throw new Error(`Failed to find a free TCP port on ${host}: ${probe.error.message}`, {
      cause: probe.error,
    });
  }
  return probe.port;
}

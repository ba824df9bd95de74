import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 that can hold back every chunk from the target by `delayMs` after it
 * arrives, to make Redis slow without stopping it. Chunks keep their order.
 */
export interface DelayProxy {
  port: number;
  url: string;
  setDelay(milliseconds: number): void;
  close(): Promise<void>;
}

export async function startDelayProxy(targetPort: number): Promise<DelayProxy> {
  let delayMs = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const target = connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(target);
    let lastDueAt = 0;
    let pending = 0;
    let targetClosed = false;
    client.pipe(target);
    target.on('data', (chunk: Buffer) => {
      if (delayMs === 0 && pending === 0) {
        client.write(chunk);
        return;
      }
      // Timers due at the same or a later time run in order, so chunks keep their order.
      const dueAt = Math.max(performance.now() + delayMs, lastDueAt);
      lastDueAt = dueAt;
      pending += 1;
      setTimeout(() => {
        pending -= 1;
        if (!client.destroyed) client.write(chunk);
        if (targetClosed && pending === 0) end();
      }, dueAt - performance.now());
    });
    const end = () => {
      client.destroy();
      target.destroy();
      sockets.delete(client);
      sockets.delete(target);
    };
    client.on('error', end);
    target.on('error', end);
    client.on('close', end);
    target.on('close', () => {
      targetClosed = true;
      if (pending === 0) end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    setDelay(milliseconds) {
      delayMs = milliseconds;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

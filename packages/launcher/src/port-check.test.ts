import { createServer, type Server } from 'node:net';
import { describeUnavailablePort, unavailablePorts } from './port-check';

function listenOnFreePort(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve(server));
  });
}

function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no port');
  return address.port;
}

describe('unavailablePorts', () => {
  it('reports a port in use by its setting', async () => {
    const occupied = await listenOnFreePort();
    try {
      const port = portOf(occupied);
      const unavailable = await unavailablePorts('127.0.0.1', [{ name: 'GATEWAY_PORT', port }]);

      expect(unavailable).toEqual([{ name: 'GATEWAY_PORT', port, code: 'EADDRINUSE' }]);
      expect(describeUnavailablePort('127.0.0.1', unavailable[0] as never)).toBe(
        `GATEWAY_PORT ${port} on 127.0.0.1 is not available (EADDRINUSE): ` +
          'stop the program that listens there or set GATEWAY_PORT to a free port',
      );
    } finally {
      occupied.close();
    }
  });

  it('reports nothing for a free port', async () => {
    const probe = await listenOnFreePort();
    const port = portOf(probe);
    await new Promise((resolve) => probe.close(resolve));

    expect(await unavailablePorts('127.0.0.1', [{ name: 'SEARCH_PORT', port }])).toEqual([]);
  });
});

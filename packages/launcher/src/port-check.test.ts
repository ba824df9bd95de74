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

  it('names the setting each error points to', () => {
    const line = (name: string, code: string) =>
      describeUnavailablePort('192.0.2.1', { name, port: 80, code });

    expect(line('GATEWAY_PORT', 'EACCES')).toBe(
      'GATEWAY_PORT 80 on 192.0.2.1 is not available (EACCES): ports below 1024 need privileges, ' +
        'so set GATEWAY_PORT to a port above 1023',
    );
    expect(line('SEARCH_PORT', 'EADDRNOTAVAIL')).toBe(
      'SEARCH_PORT 80 on 192.0.2.1 is not available (EADDRNOTAVAIL): 192.0.2.1 is not an address ' +
        'of this machine, so set HOST to one (default 127.0.0.1)',
    );
  });

  it('reports nothing for a free port', async () => {
    const probe = await listenOnFreePort();
    const port = portOf(probe);
    await new Promise((resolve) => probe.close(resolve));

    expect(await unavailablePorts('127.0.0.1', [{ name: 'SEARCH_PORT', port }])).toEqual([]);
  });
});

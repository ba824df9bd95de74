import { createServer, type Server } from 'node:net';
import { describeUnavailablePorts, unavailablePorts } from './port-check';

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
      expect(describeUnavailablePorts('127.0.0.1', unavailable)).toEqual([
        `GATEWAY_PORT ${port} on 127.0.0.1 is not available (EADDRINUSE): ` +
          'stop the program that listens there or set GATEWAY_PORT to a free port',
      ]);
    } finally {
      occupied.close();
    }
  });

  it('names the setting each error points to', () => {
    const privileged = { name: 'GATEWAY_PORT', port: 80, code: 'EACCES' };
    const foreignHost = [
      { name: 'GATEWAY_PORT', port: 8080, code: 'EADDRNOTAVAIL' },
      { name: 'SEARCH_PORT', port: 8081, code: 'EADDRNOTAVAIL' },
    ];

    expect(describeUnavailablePorts('127.0.0.1', [privileged])).toEqual([
      'GATEWAY_PORT 80 on 127.0.0.1 is not available (EACCES): ports below 1024 need ' +
        'privileges, so set GATEWAY_PORT to a port above 1023',
    ]);
    expect(describeUnavailablePorts('192.0.2.1', foreignHost)).toEqual([
      'HOST 192.0.2.1 is not an address of this machine (EADDRNOTAVAIL): set HOST to one, ' +
        'for example 127.0.0.1 (the default)',
    ]);
  });

  it('reports nothing for a free port', async () => {
    const probe = await listenOnFreePort();
    const port = portOf(probe);
    await new Promise((resolve) => probe.close(resolve));

    expect(await unavailablePorts('127.0.0.1', [{ name: 'SEARCH_PORT', port }])).toEqual([]);
  });
});

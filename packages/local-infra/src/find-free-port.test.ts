import { createServer } from 'node:net';
import { findFreePort } from './find-free-port';

describe('findFreePort', () => {
  test('returned port can be bound', async () => {
    const port = await findFreePort();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65_536);

    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port }, resolve);
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});

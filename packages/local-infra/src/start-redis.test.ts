import { createServer } from 'node:net';
import { findFreePort } from './find-free-port';
import { pingRedis } from './redis-ping';
import { type RedisServer, startRedis } from './start-redis';
import { isProcessRunning } from './test-support/process-state';

describe('startRedis', () => {
  const started: RedisServer[] = [];

  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.stop()));
  });

  test('server answers PING until stopped', async () => {
    const server = await startRedis();
    started.push(server);

    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    await expect(pingRedis(server.port)).resolves.toBeUndefined();

    await server.stop();
    expect(isProcessRunning(server.pid)).toBe(false);
    await expect(pingRedis(server.port)).rejects.toThrow(/PING to Redis at 127.0.0.1:\d+ failed/);
  });

  test('given port is used', async () => {
    const port = await findFreePort();
    const server = await startRedis({ port });
    started.push(server);

    expect(server.port).toBe(port);
    await expect(pingRedis(port)).resolves.toBeUndefined();
  });

  test('SIGSTOP makes PING time out', async () => {
    const server = await startRedis();
    started.push(server);

    process.kill(server.pid, 'SIGSTOP');
    await expect(pingRedis(server.port, { timeoutMs: 300 })).rejects.toThrow(
      `Redis at 127.0.0.1:${server.port} did not reply to PING within 300 ms`,
    );
    process.kill(server.pid, 'SIGCONT');
    await expect(pingRedis(server.port)).resolves.toBeUndefined();
  });

  test('stop ends a stopped process', async () => {
    const server = await startRedis({ stopTimeoutMs: 2_000 });
    process.kill(server.pid, 'SIGSTOP');

    await server.stop();
    expect(isProcessRunning(server.pid)).toBe(false);
  });

  test('port in use is reported', async () => {
    const blocker = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      await expect(startRedis({ port })).rejects.toThrow(/Address already in use/);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  test('missing redis-server names the install command', async () => {
    const savedPath = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(startRedis()).rejects.toThrow(/redis-server was not found on PATH/);
      await expect(startRedis()).rejects.toThrow(/apt-get install -y redis-server/);
    } finally {
      process.env.PATH = savedPath;
    }
  });

  test('missing binary option is reported', async () => {
    await expect(startRedis({ binary: '/nonexistent/redis-server' })).rejects.toThrow(
      'Redis binary /nonexistent/redis-server is missing or not executable',
    );
  });
});

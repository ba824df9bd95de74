import { once } from 'node:events';
import net from 'node:net';
import { serviceEnv } from '@scholarships/config';
import { Router } from 'express';
import request from 'supertest';
import { type RunningServer, runService, type ServiceDefinition } from './index';

type TestConfig = ReturnType<ReturnType<typeof serviceEnv>['parse']>;

const environment = {
  DATABASE_URL: process.env.TEST_DATABASE_URL ?? '',
  PORT: '0',
  LOG_LEVEL: 'silent',
  DB_POOL_MIN: '1',
};

/** Returns a service definition with no routes and no background work. */
function bareService(name: string): ServiceDefinition<TestConfig> {
  return { name, configSchema: serviceEnv(0), createRoutes: () => Router() };
}

/** Makes process.exit throw, so a test can check the exit code instead of the process ending. */
function throwOnExit() {
  return jest.spyOn(process, 'exit').mockImplementation((code) => {
    throw new Error(`process.exit(${code})`);
  });
}

describe('runService', () => {
  let running: RunningServer | undefined;

  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('starts background work after warm-up and stops it before the pools close', async () => {
    const events: string[] = [];
    const definition: ServiceDefinition<TestConfig> = {
      name: 'lifecycle-test',
      configSchema: serviceEnv(0),
      createRoutes: () => Router(),
      async start({ db }) {
        events.push(`start: ${db.pool.totalCount} warm connection`);
        return {
          async stop() {
            await db.ping();
            events.push('stop: pool still open');
          },
        };
      },
    };
    running = await runService(definition, environment);
    const ready = await request(running.server).get('/readyz');
    await running.close();
    running = undefined;

    expect(ready.status).toBe(200);
    expect(events).toEqual(['start: 1 warm connection', 'stop: pool still open']);
  });

  it('reports readiness in metrics at scrape time', async () => {
    let database: { ping(): Promise<void> } | undefined;
    const definition: ServiceDefinition<TestConfig> = {
      name: 'readiness-metric-test',
      configSchema: serviceEnv(0),
      createRoutes: ({ db }) => {
        database = db;
        return Router();
      },
    };
    running = await runService(definition, environment);
    const before = await request(running.server).get('/metrics');
    if (database === undefined) throw new Error('createRoutes did not run');
    jest.spyOn(database, 'ping').mockRejectedValue(new Error('connection terminated'));
    const after = await request(running.server).get('/metrics');

    expect(before.text).toMatch(/^service_ready\{[^}]*\} 1$/m);
    expect(after.text).toMatch(/^service_ready\{[^}]*\} 0$/m);
  });

  it('exits with code 1 when its port is in use', async () => {
    const holder = net.createServer();
    holder.listen(0, '127.0.0.1');
    await once(holder, 'listening');
    const { port } = holder.address() as net.AddressInfo;
    const exit = throwOnExit();
    try {
      await expect(
        runService(bareService('port-in-use-test'), {
          ...environment,
          HOST: '127.0.0.1',
          PORT: String(port),
        }),
      ).rejects.toThrow('process.exit(1)');
      expect(exit).toHaveBeenCalledWith(1);
    } finally {
      exit.mockRestore();
      holder.close();
    }
  });

  it('lists pool bounds beside other invalid variables', async () => {
    const written: string[] = [];
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((text) => {
      written.push(String(text));
      return true;
    });
    const exit = throwOnExit();
    try {
      await expect(
        runService(bareService('pool-bounds-test'), {
          ...environment,
          PORT: '99999',
          DB_POOL_MIN: '20',
          DB_POOL_MAX: '5',
        }),
      ).rejects.toThrow('process.exit(2)');

      expect(written.join('')).toContain('PORT: must be a port number');
      expect(written.join('')).toContain('DB_POOL_MIN: must be at most DB_POOL_MAX (20 > 5)');
    } finally {
      exit.mockRestore();
      write.mockRestore();
    }
  });
});

import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPOSITORY_ROOT, waitReady } from '@scholarships/launcher';
import { findFreePort, type RedisServer, startRedis } from '@scholarships/local-infra';

const GATEWAY_ENTRY = path.join(REPOSITORY_ROOT, 'gateway', 'dist', 'main.js');
const BUDGET = 12;

interface GatewayProcess {
  url: string;
  stop(): Promise<void>;
}

/** Starts a built gateway process; its upstreams are closed ports, since only the limiter is tested. */
async function startGateway(redisUrl: string, closedPort: number): Promise<GatewayProcess> {
  const port = await findFreePort();
  const upstream = `http://127.0.0.1:${closedPort}`;
  const child = spawn(process.execPath, [GATEWAY_ENTRY], {
    env: {
      ...process.env,
      PORT: String(port),
      REDIS_URL: redisUrl,
      RATE_LIMIT_POLICIES: `default=${BUDGET}/60`,
      JWT_SECRET: 'system-test-secret-0123456789-abcdefghij',
      SEARCH_URL: upstream,
      CATALOG_URL: upstream,
      ELIGIBILITY_URL: upstream,
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  // /healthz responds without the services, unlike /readyz.
  await waitReady(`${url}/healthz`, 30_000);
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

let redis: RedisServer;
let gateways: GatewayProcess[] = [];

beforeAll(async () => {
  redis = await startRedis();
  const closedPort = await findFreePort();
  gateways = await Promise.all([
    startGateway(redis.url, closedPort),
    startGateway(redis.url, closedPort),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await redis?.stop();
});

describe('rate limit across gateway processes', () => {
  it('shares one budget between two processes', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < BUDGET * 2; index += 1) {
      const gateway = gateways[index % 2];
      if (!gateway) throw new Error('gateway missing');
      // An unknown path costs 1 and ends in a 404 when the limiter lets it through.
      const response = await fetch(`${gateway.url}/no-such-page-${index}`);
      await response.arrayBuffer();
      statuses.push(response.status);
    }

    expect(statuses.filter((status) => status !== 429)).toHaveLength(BUDGET);
    expect(statuses.slice(BUDGET).every((status) => status === 429)).toBe(true);
  });
});
